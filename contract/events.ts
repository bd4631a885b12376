import { z } from 'zod';
import { GuideTargetSchema, HelpStateSchema } from './assist';
import { IdleStateSchema, SESSION_END_REASONS, SessionViewSchema } from './session';

/** Events pushed from the core to the renderer (IPC in Electron, WebSocket in browser mode). */
export const KioskEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('session.ended'),
    sessionId: z.string(),
    reason: z.enum(SESSION_END_REASONS),
  }),
  /** Help request, consent and assist state changed (hub reachable or not, accepted, viewing, takeover). */
  z.object({ type: z.literal('help.changed'), state: HelpStateSchema }),
  /** Staff points at a control: the renderer rings it for a few seconds. */
  z.object({ type: z.literal('guide.highlight'), target: GuideTargetSchema }),
  /** A takeover command changed the session: the renderer shows this view. */
  z.object({ type: z.literal('session.changed'), view: SessionViewSchema }),
  /** The hub told the kiosk its name and location (enrolment, each connect): the footer shows them. */
  z.object({ type: z.literal('terminal.changed'), terminalName: z.string(), terminalLocation: z.string() }),
  /** Issue 20: a catalogue bundle from the hub is active (never during a session): the start screen reloads it. */
  z.object({ type: z.literal('catalogue.changed') }),
  /** Staff acted on the session (guide, takeover): its idle clock started again. Moves no page. */
  z.object({ type: z.literal('session.idle'), sessionId: z.string(), idle: IdleStateSchema }),
]);
export type KioskEvent = z.infer<typeof KioskEventSchema>;
