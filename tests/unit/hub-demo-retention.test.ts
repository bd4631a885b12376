import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubDb } from '../../hub/db/open-hub-db';
import { SqliteClient } from '../../hub/db/sqlite-client';
import { DEMO_HANDOVER_TTL_MS } from '../../hub/local-hub';
import { HANDOVER_TTL_MS, HandoverStore } from '../../hub/stores/handover-store';
import { TerminalStore } from '../../hub/stores/terminal-store';
import { tempDir } from '../fixtures/core-harness';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Issue 17: the demo hub deletes sealed drafts an hour after handover; a town's hub keeps them a day. */
describe('handover lifetime', () => {
  async function store(ttlMs?: number) {
    const dir = tempDir('hub-retention-');
    dirs.push(dir);
    let now = Date.UTC(2026, 11, 7, 9, 0);
    const db = openHubDb(dir, () => now);
    const handovers = new HandoverStore(db, () => now, ttlMs);
    const { terminal } = await new TerminalStore(new SqliteClient(db), () => now).create('Rathaus Foyer', 'EG');
    handovers.deposit({
      handoverId: '9b2f4c1e-0a55-4d2e-8f0a-2b1c3d4e5f60',
      code: 'ABCD-2345',
      terminalId: terminal.terminalId,
      serviceId: 'meldebescheinigung',
      language: 'de',
      sealedDraft: 'sealed-canary',
    });
    return { handovers, db, advance: (ms: number) => (now += ms) };
  }

  it('the demo hub: open for an hour, then the sealed draft is deleted', async () => {
    const { handovers, db, advance } = await store(DEMO_HANDOVER_TTL_MS);
    expect(DEMO_HANDOVER_TTL_MS).toBe(60 * 60_000);
    advance(59 * 60_000);
    expect(handovers.byCode('ABCD-2345')?.sealedDraft).toBe('sealed-canary');
    expect(handovers.purgeExpired()).toBe(0);
    advance(2 * 60_000);
    expect(handovers.byCode('ABCD-2345')).toBeUndefined();
    expect(handovers.purgeExpired()).toBe(1);
    const row = db.prepare('SELECT sealed_draft FROM handovers').get() as { sealed_draft: string | null };
    expect(row.sealed_draft).toBeNull();
    db.close();
  });

  it("a town's hub keeps the draft its day", async () => {
    const { handovers, db, advance } = await store();
    expect(handovers.ttlMs).toBe(HANDOVER_TTL_MS);
    advance(2 * 60 * 60_000);
    expect(handovers.purgeExpired()).toBe(0);
    expect(handovers.byCode('ABCD-2345')).toBeDefined();
    db.close();
  });
});
