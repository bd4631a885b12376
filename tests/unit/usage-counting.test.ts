import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../contract';
import { migrate } from '../../core/db/migrate';
import { MIGRATIONS } from '../../core/db/migrations';
import { openDatabase } from '../../core/db/open-database';
import { createMemoryLogger } from '../../core/logging';
import { durationBucket } from '../../core/usage/session-tally';
import { UsageCounter } from '../../core/usage/usage-counter';
import { UsageStore } from '../../core/usage/usage-store';
import { hourInZone } from '../../core/usage/local-time';
import {
  FakeClock,
  openTestCore,
  PROJECT_RESOURCES,
  removeDir,
  START_TIME,
  tempDir,
  type TestCore,
} from '../fixtures/core-harness';
import { usageDay, usageRows, walkMove } from './usage-fixtures';

/**
 * The kiosk's anonymous usage figures (issue 18), counted through the real kiosk core API (real SQLite file,
 * migration 0007): each kind of event, the day and hour in Berlin time, the duration buckets, revisions.
 */

const DAY = '2025-06-15'; // START_TIME is 12:00 in Stade that day
const MINUTE = 60_000;
const LONG_IDLE = { idleTimeoutMs: 3 * 3_600_000, idleWarningMs: 30_000 };

let kiosk: TestCore | undefined;
const dirs: string[] = [];
afterEach(() => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  dirs.splice(0).forEach(removeDir);
});

const zeros = () => Array<number>(24).fill(0);
const atHour = (hour: number, count = 1) => zeros().map((value, index) => (index === hour ? count : value));

describe('usage counting on the kiosk', () => {
  it('counts a completed journey: started, every step reached, completed, language, hour, duration', async () => {
    kiosk = openTestCore(LONG_IDLE);
    const view = await walkMove(kiosk);
    expect(view.position.kind).toBe('check');
    expect(usageRows(kiosk)).toEqual([]); // nothing before the session ends
    kiosk.clock.advance(3 * MINUTE);
    const sent = await kiosk.value('session.submit', { sessionId: view.sessionId });
    expect(sent.position.kind).toBe('confirmation');
    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' });

    expect(usageRows(kiosk)).toEqual([
      {
        day: DAY,
        revision: 1,
        confirmed: 0,
        totals: {
          sessions: 1,
          sessionsByHour: atHour(12),
          durations: { '2to5': 1 },
          services: [
            {
              serviceId: 'test-move',
              started: 1,
              completed: 1,
              stepsReached: {
                name: 1,
                birth: 1,
                address: 1,
                household: 1,
                persons: 1,
                extras: 1,
                contact: 1,
                consent: 1,
              },
              givenUp: {},
              durations: { '2to5': 1 },
            },
          ],
          languages: { de: 1 },
          settings: { largeText: 0, highContrast: 0, speech: 0 },
          help: { called: 0, offered: 0, takenOver: 0, continuedAtDesk: 0 },
          helpByHour: zeros(),
          feedback: {},
        },
      },
    ]);
  });

  it('counts where residents give up and why: "Beenden", a new service, the idle wipe; the language they ended in', async () => {
    kiosk = openTestCore();
    const ended = await walkMove(kiosk, { stopAt: 'address', language: 'en' });
    await kiosk.value('session.end', { sessionId: ended.sessionId, reason: 'resident' });
    const switched = await walkMove(kiosk, { stopAt: 'household' });
    await kiosk.value('session.setLanguage', { sessionId: switched.sessionId, language: 'uk' });
    // Starting another service ends the open one: it gave up where it was.
    await walkMove(kiosk, { stopAt: 'birth', language: 'tr' });
    kiosk.clock.advance(121_000); // the idle sweep wipes it
    expect(kiosk.events.at(-1)).toMatchObject({ type: 'session.ended', reason: 'idle' });

    const { totals, revision } = usageDay(kiosk, DAY);
    expect(revision).toBe(3);
    expect(totals.sessions).toBe(3);
    expect(totals.languages).toEqual({ en: 1, uk: 1, tr: 1 });
    expect(totals.durations).toEqual({ under2: 2, '2to5': 1 });
    const [move] = totals.services;
    expect(move).toMatchObject({ serviceId: 'test-move', started: 3, completed: 0 });
    expect(move!.stepsReached).toEqual({ name: 3, birth: 3, address: 2, household: 1 });
    expect(move!.givenUp).toEqual({ address: { ended: 1 }, household: { ended: 1 }, birth: { idle: 1 } });
  });

  it('counts help called and offered, large text and contrast, and speech once per session', async () => {
    kiosk = openTestCore();
    const view = await walkMove(kiosk, { stopAt: 'birth' });
    // Without a hub the request cannot reach staff, but the resident asked: it counts.
    expect(await kiosk.value('help.request', { reason: 'button' })).toMatchObject({ status: 'unavailable' });
    await kiosk.value('help.request', { reason: 'button' });
    await kiosk.value('help.request', { reason: 'stuck_errors' });
    const display = { sessionId: view.sessionId, largeText: true, highContrast: false };
    expect(await kiosk.value('usage.settings', display)).toEqual({ counted: true });
    expect(await kiosk.value('usage.settings', { ...display, highContrast: true })).toEqual({ counted: true });
    // Another session's id counts nothing.
    const other = { sessionId: randomUUID(), speech: true };
    expect(await kiosk.value('usage.settings', other)).toEqual({ counted: false });
    // The page speaks each screen by itself: audio made for it is not the resident using speech.
    const audio = await kiosk.value('speech.synthesize', { text: 'Hallo', language: 'de', rate: 'normal' });
    expect(audio).toBeTruthy();
    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
    expect(usageDay(kiosk, DAY).totals.settings).toEqual({ largeText: 1, highContrast: 1, speech: 0 });
    // "Vorlesen" pressed, or the speech settings changed: the page says so.
    const spoken = await walkMove(kiosk, { stopAt: 'name' });
    await kiosk.value('usage.settings', { sessionId: spoken.sessionId, speech: true });
    await kiosk.value('usage.settings', { sessionId: spoken.sessionId, speech: true });
    await kiosk.value('session.end', { sessionId: spoken.sessionId, reason: 'resident' });
    // A session that used none of it.
    const plain = await walkMove(kiosk, { stopAt: 'name' });
    await kiosk.value('session.end', { sessionId: plain.sessionId, reason: 'resident' });

    const { totals } = usageDay(kiosk, DAY);
    expect(totals.sessions).toBe(3);
    expect(totals.settings).toEqual({ largeText: 1, highContrast: 1, speech: 1 });
    expect(totals.help).toEqual({ called: 1, offered: 1, takenOver: 0, continuedAtDesk: 0 });
    expect(totals.helpByHour).toEqual(atHour(12));
    // Off a session (the start screen) a report counts nothing.
    expect(await kiosk.value('usage.settings', display)).toEqual({ counted: false });
  }, 60_000);

  it('takes the day and the hour in Berlin time (summer and winter), from the session start', async () => {
    kiosk = openTestCore(LONG_IDLE);
    // 23:59 in Stade, ended two minutes later on the next day: it belongs to the day and hour it started.
    kiosk.clock.time = Date.UTC(2025, 5, 15, 21, 59);
    const late = await walkMove(kiosk, { stopAt: 'birth' });
    kiosk.clock.advance(2 * MINUTE);
    await kiosk.value('session.end', { sessionId: late.sessionId, reason: 'resident' });
    // 08:10 in winter (UTC+1).
    kiosk.clock.time = Date.UTC(2025, 0, 20, 7, 10);
    const early = await walkMove(kiosk, { stopAt: 'birth' });
    await kiosk.value('session.end', { sessionId: early.sessionId, reason: 'resident' });

    const rows = usageRows(kiosk);
    expect(rows.map((row) => row.day)).toEqual(['2025-01-20', '2025-06-15']);
    expect(rows[0]!.totals.sessionsByHour).toEqual(atHour(8));
    expect(rows[1]!.totals.sessionsByHour).toEqual(atHour(23));
    expect(rows[1]!.totals.durations).toEqual({ '2to5': 1 });
    expect(hourInZone(Date.UTC(2025, 2, 30, 1, 30), 'Europe/Berlin')).toBe(3); // the spring change
  });

  it('puts each duration into its bucket, the lower bound belonging to the longer one', async () => {
    const cases: [number, string][] = [
      [0, 'under2'],
      [2 * MINUTE - 1, 'under2'],
      [2 * MINUTE, '2to5'],
      [5 * MINUTE - 1, '2to5'],
      [5 * MINUTE, '5to10'],
      [10 * MINUTE, '10to20'],
      [20 * MINUTE - 1, '10to20'],
      [20 * MINUTE, 'over20'],
      [95 * MINUTE, 'over20'],
    ];
    for (const [ms, bucket] of cases) expect([ms, durationBucket(ms)]).toEqual([ms, bucket]);
    // The same through the core, with the hand-moved clock.
    kiosk = openTestCore(LONG_IDLE);
    for (const [ms] of cases) {
      const view = await walkMove(kiosk, { stopAt: 'name' });
      kiosk.clock.advance(ms);
      await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'resident' });
    }
    const durations = usageRows(kiosk).reduce<Record<string, number>>((all, row) => {
      for (const [bucket, count] of Object.entries(row.totals.durations)) all[bucket] = (all[bucket] ?? 0) + count!;
      return all;
    }, {});
    expect(durations).toEqual({ under2: 2, '2to5': 2, '5to10': 1, '10to20': 2, over20: 2 });
  });

  it('counts a prepared visit (in-person service) as completed, also without a hub', async () => {
    kiosk = openTestCore({ resourcesDir: PROJECT_RESOURCES });
    const answers: [string, Record<string, AnswerInput>][] = [
      ['kind', { kind: 'privat' }],
      ['copies', { copies: '1' }],
      ['family-name', { familyName: 'Mustermann' }],
      ['given-names', { givenNames: 'Erika' }],
      ['date-of-birth', { dateOfBirth: { day: '12', month: '8', year: '1964' } }],
    ];
    const view = await kiosk.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
    for (const [stepId, values] of answers) {
      await kiosk.value('session.answer', { sessionId: view.sessionId, stepId, values });
    }
    const visit = await kiosk.value('visit.prepare', { sessionId: view.sessionId });
    expect(visit.ticket).toMatchObject({ stored: false });
    const [service] = usageDay(kiosk, DAY).totals.services;
    expect(service).toMatchObject({ serviceId: 'fuehrungszeugnis', started: 1, completed: 1, givenUp: {} });
    expect(Object.keys(service!.stepsReached)).toEqual(answers.map(([stepId]) => stepId));
  });

  it('keeps the totals across a restart and goes on counting (revision +1 per session)', async () => {
    kiosk = openTestCore();
    const first = await walkMove(kiosk, { stopAt: 'birth' });
    await kiosk.value('session.end', { sessionId: first.sessionId, reason: 'resident' });
    kiosk = kiosk.reopen();
    expect(usageDay(kiosk, DAY)).toMatchObject({ revision: 1, confirmed: 0, totals: { sessions: 1 } });
    const second = await walkMove(kiosk, { stopAt: 'address' });
    await kiosk.value('session.end', { sessionId: second.sessionId, reason: 'resident' });
    expect(usageDay(kiosk, DAY)).toMatchObject({ revision: 2, totals: { sessions: 2 } });
  });

  it("counts nothing in a core opened with countUsage: false (the hub's desk core)", async () => {
    kiosk = openTestCore({ countUsage: false });
    const view = await walkMove(kiosk);
    await kiosk.value('session.submit', { sessionId: view.sessionId });
    await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
    expect(usageRows(kiosk)).toEqual([]);
  });
});

describe('the rating ("Wie war es?")', () => {
  function counterOnFile() {
    const dir = tempDir('usage-feedback-');
    dirs.push(dir);
    const db = openDatabase(`${dir}/kiosk.db`);
    migrate(db, MIGRATIONS, { now: () => START_TIME });
    const logger = createMemoryLogger();
    const store = new UsageStore(db, logger);
    const clock = new FakeClock();
    let folds = 0;
    const counter = new UsageCounter({ store, clock, timeZone: 'Europe/Berlin', logger, onFolded: () => folds++ });
    const sessionId = randomUUID();
    const view = {
      sessionId,
      serviceId: 'test-move',
      language: 'de',
      position: { kind: 'step', stepId: 'name', stepNumber: 1, stepCount: 8, returnToCheck: false },
      answers: {},
      visibleStepIds: ['name'],
      idle: { remainingMs: 120_000, timeoutMs: 120_000, warningMs: 30_000 },
    };
    return {
      db,
      store,
      counter,
      folds: () => folds,
      start: () => counter.after('session.start', {}, { ok: true, value: view }),
      end: () => counter.onCoreEvent({ type: 'session.ended', sessionId, reason: 'resident' }),
    };
  }

  it('counts once per session, the last rating winning, also when given after the session ended', () => {
    const t = counterOnFile();
    t.start();
    t.counter.feedbackGiven('bad');
    t.counter.feedbackGiven('good');
    t.end();
    expect(t.store.day(DAY)).toMatchObject({ revision: 1, totals: { feedback: { good: 1 } } });
    // The question comes at the journey's end, after the session was folded: changing the rating moves it.
    t.counter.feedbackGiven('okay');
    t.counter.feedbackGiven('okay');
    expect(t.store.day(DAY)).toMatchObject({ revision: 2, totals: { feedback: { good: 0, okay: 1 } } });
    // A session without a rating, then one rated only after its end.
    t.start();
    t.end();
    t.counter.feedbackGiven('bad');
    expect(t.store.day(DAY)).toMatchObject({ revision: 4, totals: { sessions: 2, feedback: { okay: 1, bad: 1 } } });
    expect(t.folds()).toBe(4);
    // The next session starts: the last one can no longer be rated.
    t.start();
    t.counter.feedbackGiven('good');
    t.end();
    expect(t.store.day(DAY)?.totals.feedback).toEqual({ good: 1, okay: 1, bad: 1 });
    t.db.close();
  });
});
