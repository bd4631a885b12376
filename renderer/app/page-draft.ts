import type { AnswerInput } from '../../contract';
import { getBridge } from '../api/bridge';

/** How long typing may pause before what is on the page is saved: a save per key would cost a commit per key. */
export const PAGE_DRAFT_DELAY_MS = 300;

interface Pending {
  timer: ReturnType<typeof setTimeout>;
  send: () => Promise<void>;
}

let pending: Pending | undefined;

/**
 * Saves the current page's unconfirmed entries in the core (session.saveDraft, issue 14), a moment after the
 * last change; a newer change replaces an older one not yet sent. The core keeps them sealed apart from the
 * answers, so a reload puts them back and "Am Schalter weitermachen" carries them.
 */
export function schedulePageDraft(
  sessionId: string,
  stepId: string,
  values: Record<string, AnswerInput>,
  item?: number,
): void {
  cancelPageDraft();
  const send = async () => {
    pending = undefined;
    try {
      await getBridge().call('session.saveDraft', {
        sessionId,
        stepId,
        values,
        ...(item !== undefined ? { item } : {}),
      });
    } catch {
      // The core is away: the fields keep what is typed, the waiting screen says so.
    }
  };
  pending = { timer: setTimeout(() => void send(), PAGE_DRAFT_DELAY_MS), send };
}

/** The page is left (another step, "Weiter" answered): nothing of it is sent any more. */
export function cancelPageDraft(): void {
  if (pending) clearTimeout(pending.timer);
  pending = undefined;
}

/** Sends a save still waiting at once (before "Am Schalter weitermachen" seals the draft). */
export async function flushPageDraft(): Promise<void> {
  const waiting = pending;
  if (!waiting) return;
  clearTimeout(waiting.timer);
  await waiting.send();
}
