import { fail, ok, PageDraftSchema, type ApiInput, type PageDraft, type Result } from '../../contract';
import { errorClass } from '../logging';
import type { CoreContext } from './context';
import { requireActive } from './lifecycle';
import type { SessionRow } from './session-store';
import { storedPosition } from './session-view';

/**
 * What is typed on the current page before "Weiter" (issue 14, item 2), sealed like the answers but apart
 * from them: it was never validated, so it is only ever put back into the fields (after a reload or a crash)
 * or carried to the desk as "not yet confirmed", never counted as an answer. Only for the step on screen and
 * only its own fields; the next page change clears it (SessionStore.saveStep, updatePosition).
 */
export function savePageDraft(ctx: CoreContext, input: ApiInput<'session.saveDraft'>): Result<{ saved: boolean }> {
  const active = requireActive(ctx, input.sessionId);
  if (!active.ok) return active;
  const { row, service } = active.value;
  if (row.status !== 'in_progress') return fail('already_submitted');
  const position = storedPosition(row);
  // A save that arrives after "Weiter" moved on belongs to a page no longer on screen.
  if (position.kind !== 'step' || position.stepId !== input.stepId || position.item !== input.item) {
    return ok({ saved: false });
  }
  const step = service.definition.journey.steps.find((candidate) => candidate.id === input.stepId);
  const names = new Set(step?.fields.map((field) => field.name));
  const values = Object.fromEntries(Object.entries(input.values).filter(([name]) => names.has(name)));
  const draft: PageDraft = { stepId: input.stepId, ...(input.item !== undefined ? { item: input.item } : {}), values };
  // Typing is the resident being there, as a tap is; one transaction, one commit.
  ctx.store.db.transaction(() => {
    ctx.store.touch(row.id, ctx.clock.now());
    ctx.store.savePageDraft(row, draft);
  })();
  return ok({ saved: true });
}

/** The saved entries of `stepId`'s page, if the session has any for it. */
export function pageDraftOf(ctx: CoreContext, row: SessionRow, stepId: string, item?: number): PageDraft | undefined {
  try {
    const parsed = PageDraftSchema.safeParse(ctx.store.readPageDraft(row));
    return parsed.success && parsed.data.stepId === stepId && parsed.data.item === item ? parsed.data : undefined;
  } catch (error) {
    // Unreadable (another key after a restore): the fields start empty, as before this existed.
    ctx.logger.warn('session.page_draft_unreadable', { sessionId: row.id, errorClass: errorClass(error) });
    return undefined;
  }
}
