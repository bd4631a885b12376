import type { AnswerInput, SessionView } from '../../contract';
import type { UsageTotals } from '../../core/usage/usage-day';
import { peekDb, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';

export interface UsageRow {
  day: string;
  totals: UsageTotals;
  revision: number;
  confirmed: number;
}

/** The usage_days rows as another process reads them from kiosk.db. */
export function usageRows(kiosk: TestCore): UsageRow[] {
  return peekDb(kiosk.dataDir, (db) =>
    (
      db.prepare('SELECT * FROM usage_days ORDER BY day').all() as {
        day: string;
        totals: string;
        revision: number;
        confirmed_revision: number;
      }[]
    ).map((row) => ({
      day: row.day,
      totals: JSON.parse(row.totals) as UsageTotals,
      revision: row.revision,
      confirmed: row.confirmed_revision,
    })),
  );
}

export function usageDay(kiosk: TestCore, day: string): UsageRow {
  const row = usageRows(kiosk).find((candidate) => candidate.day === day);
  if (!row) throw new Error(`no usage row for ${day}`);
  return row;
}

/** Starts test-move and answers its steps up to (not including) `stopAt`; all of them without `stopAt`. */
export async function walkMove(
  kiosk: TestCore,
  options: { stopAt?: string; answers?: Record<string, Record<string, AnswerInput>>; language?: string } = {},
): Promise<SessionView> {
  const answers = options.answers ?? MOVE_ANSWERS;
  let view = await kiosk.value('session.start', { serviceId: 'test-move', language: options.language ?? 'de' });
  while (view.position.kind === 'step' && view.position.stepId !== options.stopAt) {
    view = await kiosk.value('session.answer', {
      sessionId: view.sessionId,
      stepId: view.position.stepId,
      values: answers[view.position.stepId],
    });
  }
  return view;
}
