import { SessionViewSchema, type Result, type SessionView } from '../../contract';
import type { HubToTerminal } from '../../contract/hub';

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
