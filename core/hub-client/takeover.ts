import { SessionViewSchema, type Result, type SessionView } from '../../contract';
import type { HubToTerminal, TerminalToHub } from '../../contract/hub';
import { errorClass } from '../logging';
import type { CoreContext } from '../sessions/context';

export type CoreDispatch = (method: unknown, input: unknown) => Promise<Result<unknown>>;

type TakeoverCommand = Extract<HubToTerminal, { type: 'takeover.answer' | 'takeover.navigate' }>;

export interface TakeoverOutcome {
  result: { ok: boolean; errorCode?: string; fieldErrors?: { field: string; code: string }[] };
  /** The session after a command that changed it (for the renderer's session.changed). */
  view?: SessionView;
}

/**
 * Runs a staff command through the kiosk's own API dispatch, exactly as the
 * resident's tap would go: contract validation, the service's answer rules,
 * one durable commit. Nothing here is trusted more than a tap.
 */
export async function runTakeover(
  command: TakeoverCommand,
  parts: { allowed: boolean; dispatch: CoreDispatch; currentView(): SessionView | null },
): Promise<TakeoverOutcome> {
  if (!parts.allowed) return { result: { ok: false, errorCode: 'not_in_takeover' } };
  const view = parts.currentView();
  if (!view) return { result: { ok: false, errorCode: 'no_session' } };
  const sessionId = view.sessionId;
  let result: Result<unknown>;
  if (command.type === 'takeover.answer') {
    result = await parts.dispatch('session.answer', { sessionId, stepId: command.stepId, values: command.values });
  } else if (command.action === 'back') {
    result = await parts.dispatch('session.back', { sessionId });
  } else if (command.action === 'check') {
    result = await parts.dispatch('session.goTo', { sessionId, target: { kind: 'check' } });
  } else {
    if (!command.stepId) return { result: { ok: false, errorCode: 'invalid_input' } };
    const target = { kind: 'step', stepId: command.stepId, returnToCheck: true };
    result = await parts.dispatch('session.goTo', { sessionId, target });
  }
  if (!result.ok) {
    const fieldErrors = result.error.fieldErrors?.map((error) => ({ field: error.field, code: error.code }));
    return { result: { ok: false, errorCode: result.error.code, ...(fieldErrors ? { fieldErrors } : {}) } };
  }
  return { result: { ok: true }, view: SessionViewSchema.parse(result.value) };
}

/** Runs a staff command (allowed only in takeover) and sends its result back to the hub. */
export function relayTakeover(
  command: TakeoverCommand,
  requestId: string,
  parts: {
    allowed: boolean;
    dispatch: CoreDispatch;
    currentView(): SessionView | null;
    send(message: TerminalToHub): boolean;
    ctx: Pick<CoreContext, 'emit' | 'logger'>;
    /** The command was refused by the form (not for want of a takeover): nothing moved. */
    onRefused(): void;
  },
): void {
  const { ctx } = parts;
  void runTakeover(command, parts).then(
    (outcome) => {
      parts.send({ type: 'takeover.result', requestId, commandId: command.commandId, ...outcome.result });
      if (outcome.view) ctx.emit({ type: 'session.changed', view: outcome.view });
      else if (outcome.result.errorCode !== 'not_in_takeover') parts.onRefused();
    },
    (error: unknown) => ctx.logger.error('hub.takeover_failed', { errorClass: errorClass(error) }),
  );
}
