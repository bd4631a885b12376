import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackComment } from '../../contract';
import type { TerminalToHub } from '../../contract/hub';
import { FeedbackComments } from '../../core/hub-client/feedback-comments';
import { REMOVED } from '../../core/usage/strip-personal-data';
import { DEFAULT_FEEDBACK_RETENTION_DAYS } from '../../hub/stores/feedback-store';
import { connectKiosk, http } from '../fixtures/hub-harness';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/**
 * Residents' feedback comments at the hub (issue 18): stripped again on arrival (a kiosk of an older version, or a
 * forged message, must not put a name into the database), acknowledged, listed for logged-in staff with every look
 * audited, stored once per comment id, deleted after the retention time. The hub is the real one (in-process,
 * 127.0.0.1, temp dir, real SQLite file).
 */

const CANARIES = ['Kunigunde', 'Wackerbarth', 'DE89370400440532013000', 'kunigunde.w@example.org', '0176 5550123'];
const comment = (text: string, extra: Partial<FeedbackComment> = {}): FeedbackComment => ({
  commentId: randomUUID(),
  day: '2025-06-15',
  serviceId: 'personalausweis',
  rating: 'okay',
  text,
  ...extra,
});

/** Every byte the hub keeps on disk: the database, its WAL and anything else in its folder. */
function hubFiles(dataDir: string): string {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');
}

let h: HelpHub;
beforeAll(async () => {
  h = await startHelpHub();
});
afterAll(() => h.t.close());

describe('feedback comments at the hub', () => {
  it('strips again, acknowledges, lists for staff (audited) and keeps one row per comment id', async () => {
    const kiosk = await connectKiosk(h.t.hub, h.credential);
    await kiosk.next('welcome');
    // As an older (or forged) kiosk would send it: not stripped.
    const raw = comment(
      'Frau Kunigunde Wackerbarth war nett. IBAN DE89370400440532013000, kunigunde.w@example.org, 0176 5550123',
    );
    kiosk.send({ type: 'feedback.comment', comment: raw });
    await kiosk.next('feedback.stored', (message) => message.commentId === raw.commentId);
    // The same comment again (after a reconnect): still one row, acknowledged again.
    kiosk.send({ type: 'feedback.comment', comment: raw });
    await kiosk.next('feedback.stored', (message) => message.commentId === raw.commentId, 1);
    const plain = comment('Die Schrift war zu klein.', { rating: null, serviceId: null });
    kiosk.send({ type: 'feedback.comment', comment: plain });
    await kiosk.next('feedback.stored', (message) => message.commentId === plain.commentId);

    const listed = (await h.meyer.get('/feedback')).body as Record<string, unknown>[];
    expect(listed).toHaveLength(2);
    const stripped = listed.find((entry) => entry.commentId === raw.commentId)!;
    expect(stripped).toMatchObject({ day: '2025-06-15', serviceId: 'personalausweis', rating: 'okay' });
    expect(stripped.text).toContain('war nett');
    expect(stripped.text).toContain(REMOVED);
    expect(listed.find((entry) => entry.commentId === plain.commentId)).toMatchObject({
      text: 'Die Schrift war zu klein.',
      rating: null,
      serviceId: null,
      terminalName: 'Foyer',
    });
    for (const canary of CANARIES) {
      expect(JSON.stringify(listed)).not.toContain(canary);
      expect(hubFiles(h.t.dataDir)).not.toContain(canary);
    }

    const audit = ((await h.admin.get('/audit')).body as { action: string; outcome: string }[]).filter(
      (entry) => entry.action === 'feedback.list',
    );
    expect(audit.length).toBeGreaterThanOrEqual(1);
    kiosk.close();
  });

  it('shows comments only to logged-in staff', async () => {
    const anonymous = await http(`${h.t.hub.url}/api/console/feedback`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a comment longer than 500 characters or with a bad rating at the contract', async () => {
    const kiosk = await connectKiosk(h.t.hub, h.credential);
    await kiosk.next('welcome');
    const tooLong = comment('x'.repeat(501));
    kiosk.send({ type: 'feedback.comment', comment: tooLong });
    const badRating = { ...comment('ok'), rating: 'great' };
    kiosk.send({ type: 'feedback.comment', comment: badRating } as unknown as TerminalToHub);
    const marker = comment('Marker nach den falschen.');
    kiosk.send({ type: 'feedback.comment', comment: marker });
    // Handled in order: once the marker is stored, the two before it were seen.
    await expect
      .poll(async () =>
        ((await h.meyer.get('/feedback')).body as { commentId: string }[]).map((entry) => entry.commentId),
      )
      .toContain(marker.commentId);
    const ids = ((await h.meyer.get('/feedback')).body as { commentId: string }[]).map((entry) => entry.commentId);
    expect(ids).not.toContain(tooLong.commentId);
    expect(ids).not.toContain(badRating.commentId);
    kiosk.close();
  });

  it('deletes comments after the retention time', async () => {
    h.t.clock.advance((DEFAULT_FEEDBACK_RETENTION_DAYS + 1) * 24 * 60 * 60_000);
    const db = new Database(join(h.t.dataDir, 'hub.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM feedback_comments').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });
});

describe('the kiosk keeps a comment in memory until the hub stored it', () => {
  it('sends on an open link, sends again on each new connection until acknowledged, drops all at shutdown', () => {
    const sent: TerminalToHub[] = [];
    let online = false;
    const comments = new FeedbackComments({ send: (message) => online && sent.push(message) > 0 });
    const first = comment('eins');
    expect(comments.add(first)).toBe('waiting');
    online = true;
    const second = comment('zwei');
    expect(comments.add(second)).toBe('sent');
    comments.flush();
    expect(sent.map((message) => (message as { comment: FeedbackComment }).comment.text)).toEqual([
      'zwei',
      'eins',
      'zwei',
    ]);
    comments.onStored(first.commentId);
    comments.onStored(second.commentId);
    expect(comments.waiting).toBe(0);

    online = false;
    for (let index = 0; index < 60; index += 1) comments.add(comment(`n${index}`));
    expect(comments.waiting).toBe(50);
    comments.clear();
    expect(comments.waiting).toBe(0);
  });
});
