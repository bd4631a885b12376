import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerInput, FeedbackRating, SessionView } from '../../contract';
import { openTestCore, PROJECT_RESOURCES, removeDir, scanForCanary, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import { openHubCore, startRealHub, TEST_BACKOFF, until, untilOnline, type RealHub } from './hub-client-helpers';

/**
 * "Wie war es?" through the real core (feedback.give) and, with a hub, the real hub and its SQLite file: the rating
 * goes to the counting sink once per journey, the comment loses what looks like personal data and every word the
 * resident typed in the journey (here "Erika Mustermann", "erika@example.org"), and nothing of it reaches a log or
 * the kiosk's disk.
 */

let kiosk: TestCore | undefined;
afterEach(() => {
  if (!kiosk) return;
  kiosk.close();
  removeDir(kiosk.dataDir);
  kiosk = undefined;
});

async function sentJourney(core: TestCore): Promise<SessionView> {
  let view = await core.value('session.start', { serviceId: 'test-move', language: 'de' });
  for (;;) {
    if (view.position.kind === 'check') break;
    if (view.position.kind !== 'step') throw new Error(`unexpected ${view.position.kind}`);
    view = await core.value('session.answer', {
      sessionId: view.sessionId,
      stepId: view.position.stepId,
      values: MOVE_ANSWERS[view.position.stepId],
    });
  }
  return core.value('session.submit', { sessionId: view.sessionId });
}

/** Führungszeugnis (done in person, shipped resources) up to its check page. */
const VISIT_ANSWERS: [string, Record<string, AnswerInput>][] = [
  ['kind', { kind: 'privat' }],
  ['copies', { copies: '1' }],
  ['family-name', { familyName: 'Wackerbarth' }],
  ['given-names', { givenNames: 'Kunigunde' }],
  ['date-of-birth', { dateOfBirth: { day: '12', month: '8', year: '1964' } }],
];

async function preparedVisit(core: TestCore): Promise<void> {
  const view = await core.value('session.start', { serviceId: 'fuehrungszeugnis', language: 'de' });
  for (const [stepId, values] of VISIT_ANSWERS) {
    await core.value('session.answer', { sessionId: view.sessionId, stepId, values });
  }
  await core.value('visit.prepare', { sessionId: view.sessionId });
}

const COMMENT =
  'Erika hat alles gefunden, Mustermann sagt danke. Schreiben Sie an erika@example.org oder IBAN DE89 3704 0044 0532 0130 00.';
const CANARIES = ['Erika', 'Mustermann', 'erika@example.org', 'DE89', '0532'];

describe('feedback.give on a kiosk without a hub', () => {
  it('counts the face once per journey, only after the journey ended, and keeps the comment off disk and logs', async () => {
    const ratings: FeedbackRating[] = [];
    kiosk = openTestCore({ feedbackRatings: { feedbackGiven: (rating) => ratings.push(rating) } });
    // Nothing has ended yet: no question to answer.
    expect(await kiosk.call('feedback.give', { rating: 'good' })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
    const sent = await sentJourney(kiosk);
    expect(sent.position.kind).toBe('confirmation');
    expect(await kiosk.value('feedback.give', { rating: 'okay', comment: COMMENT })).toEqual({ comment: 'waiting' });
    expect(ratings).toEqual(['okay']);
    // A second answer (a double tap, a replayed call) neither counts nor sends.
    expect(await kiosk.call('feedback.give', { rating: 'bad' })).toMatchObject({ ok: false });
    expect(ratings).toEqual(['okay']);
    for (const canary of [...CANARIES, 'hat alles gefunden']) {
      expect(scanForCanary(kiosk.dataDir, canary)).toEqual([]);
      expect(JSON.stringify(kiosk.logger.lines)).not.toContain(canary);
    }
    expect(kiosk.logger.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: 'feedback.given',
          serviceId: 'test-move',
          status: 'okay',
          detail: 'comment waiting',
        }),
      ]),
    );
  });

  it('refuses an empty answer and a comment over 500 characters; a new session forgets the journey', async () => {
    kiosk = openTestCore();
    await sentJourney(kiosk);
    expect(await kiosk.call('feedback.give', { rating: null, comment: '   ' })).toMatchObject({ ok: false });
    expect(await kiosk.call('feedback.give', { rating: null, comment: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await kiosk.value('session.start', { serviceId: 'test-move', language: 'de' });
    expect(await kiosk.call('feedback.give', { rating: 'good' })).toMatchObject({
      ok: false,
      error: { code: 'not_reachable' },
    });
  });
});

describe('feedback.give after a prepared visit', () => {
  it('answers once after the visit was prepared; "Fertig" forgets the journey', async () => {
    const ratings: FeedbackRating[] = [];
    kiosk = openTestCore({
      resourcesDir: PROJECT_RESOURCES,
      feedbackRatings: { feedbackGiven: (rating) => ratings.push(rating) },
    });
    await preparedVisit(kiosk);
    expect(await kiosk.value('feedback.give', { rating: 'bad' })).toEqual({ comment: 'none' });
    expect(ratings).toEqual(['bad']);
    await preparedVisit(kiosk);
    await kiosk.value('visit.done', {});
    expect(await kiosk.call('feedback.give', { rating: 'good' })).toMatchObject({ ok: false });
    expect(ratings).toEqual(['bad']);
  });
});

describe('feedback.give with a hub', () => {
  let hub: RealHub;
  beforeAll(async () => {
    hub = await startRealHub();
  });
  afterAll(() => hub.close());

  it('the comment reaches the staff list stripped; the hub database holds none of the canaries', async () => {
    kiosk = openHubCore(hub);
    await untilOnline(kiosk);
    await sentJourney(kiosk);
    expect(await kiosk.value('feedback.give', { rating: 'good', comment: COMMENT })).toEqual({ comment: 'sent' });
    const listed = await until(async () => {
      const body = (await hub.staff.get('/feedback')).body as { text: string; rating: string; serviceId: string }[];
      return body.length > 0 && body;
    });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ rating: 'good', serviceId: 'test-move' });
    expect(listed[0]!.text).toContain('hat alles gefunden');
    expect(listed[0]!.text).toContain('sagt danke');
    for (const canary of CANARIES) {
      expect(listed[0]!.text).not.toContain(canary);
      expect(scanForCanary(hub.t.dataDir, canary)).toEqual([]);
    }
    const db = new Database(join(hub.t.dataDir, 'hub.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM feedback_comments').get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it("after a prepared visit, the comment loses the names typed in the visit's answers", async () => {
    // A second terminal: an enrolment code is good for one kiosk only.
    const created = await hub.admin.post('/terminals', { name: 'Rathaus Foyer 2', location: 'Erdgeschoss' });
    const { enrolmentCode } = created.body as { enrolmentCode: string };
    kiosk = openTestCore({
      resourcesDir: PROJECT_RESOURCES,
      hub: { url: hub.url, enrolmentCode, backoff: TEST_BACKOFF },
    });
    await untilOnline(kiosk);
    await preparedVisit(kiosk);
    const text = 'Kunigunde Wackerbarth musste lange warten';
    expect(await kiosk.value('feedback.give', { rating: 'okay', comment: text })).toEqual({ comment: 'sent' });
    const listed = await until(async () => {
      const body = (await hub.staff.get('/feedback')).body as { text: string; serviceId: string }[];
      return body.find((entry) => entry.serviceId === 'fuehrungszeugnis');
    });
    expect(listed.text).toContain('musste lange warten');
    expect(listed.text).not.toContain('Kunigunde');
    expect(listed.text).not.toContain('Wackerbarth');
  });
});
