import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../contract';
import { DASHBOARD_PATH, DashboardSchema } from '../../contract/open-data';
import { CATALOG_PATH, MONTHLY_CSV_PATH, dailyCsvPath } from '../../hub/open-data/dcat';
import { OPEN_DATA_LAG_MS } from '../../hub/open-data/publisher';
import { openTestCore, removeDir, scanForCanary, type TestCore } from '../fixtures/core-harness';
import { MOVE_ANSWERS } from '../fixtures/test-move-answers';
import { TEST_BACKOFF, until, untilOnline } from './hub-client-helpers';
import { startHelpHub, type HelpHub } from './hub-help-helpers';
import { usageRows, walkMove } from './usage-fixtures';

/**
 * Issue 18 from one end to the other: the real kiosk core (real SQLite file) counts its sessions and sends the
 * day to the real hub (in-process on 127.0.0.1, real SQLite), which publishes it. The two halves were built
 * apart; this checks they agree (service and step ids the hub accepts, the confirmation the kiosk records) and
 * that the residents' answers, full of canary values, reach no file of the hub and nothing it publishes.
 */

const CANARIES = ['Zebulonia Quixwell', 'zebulonia.quixwell@example.org', 'DE89370400440532013000', 'Quixwellweg 17'];
const CANARY_ANSWERS: Record<string, Record<string, AnswerInput>> = {
  ...MOVE_ANSWERS,
  name: { fullName: CANARIES[0]! },
  contact: { email: CANARIES[1]!, notes: `IBAN ${CANARIES[2]!}, ${CANARIES[3]!}` },
};

let hub: HelpHub | undefined;
let kiosk: TestCore | undefined;
afterEach(async () => {
  kiosk?.close();
  if (kiosk) removeDir(kiosk.dataDir);
  kiosk = undefined;
  await hub?.t.close();
  hub = undefined;
});

async function published(path: string): Promise<string> {
  const response = await fetch(`${hub!.t.hub.url}${path}`);
  expect(response.status, path).toBe(200);
  return response.text();
}

describe('usage figures from the kiosk to the open data', () => {
  it('six sessions counted on the kiosk arrive on the hub and are published; no answer goes with them', async () => {
    hub = await startHelpHub();
    const created = await hub.admin.post('/terminals', { name: 'Rathaus Foyer', location: 'Rathaus Stade' });
    const { enrolmentCode } = created.body as { enrolmentCode: string };
    kiosk = openTestCore({
      hub: { url: hub.t.hub.url, enrolmentCode, backoff: TEST_BACKOFF },
      idleTimeoutMs: 3 * 3_600_000,
      idleWarningMs: 30_000,
    });
    await untilOnline(kiosk);

    // Five residents send the application, one stops at the date of birth.
    for (let resident = 0; resident < 5; resident += 1) {
      const view = await walkMove(kiosk, { answers: CANARY_ANSWERS });
      await kiosk.value('session.submit', { sessionId: view.sessionId });
      await kiosk.value('session.end', { sessionId: view.sessionId, reason: 'finished' });
    }
    const stopped = await walkMove(kiosk, { answers: CANARY_ANSWERS, stopAt: 'birth' });
    await kiosk.value('session.end', { sessionId: stopped.sessionId, reason: 'resident' });

    // The hub accepted the day's last revision (a refused report would stay unconfirmed).
    await until(() => usageRows(kiosk!).every((row) => row.confirmed === row.revision) && usageRows(kiosk!));
    const [row] = usageRows(kiosk);
    expect(row).toMatchObject({ day: '2025-06-15', revision: 6, confirmed: 6 });

    // The published figures may lag the reports by a minute (publisher.ts): past it, a request gets them all.
    hub.t.clock.advance(OPEN_DATA_LAG_MS);
    const csv = await published(MONTHLY_CSV_PATH);
    const lines = csv.split('\r\n');
    expect(csv).toContain('Rathaus Stade');
    // Six started, five completed: above the suppression threshold, so published as counted.
    expect(lines.some((line) => /^2025-06,.*Rathaus Stade.*,started,6$/.test(line))).toBe(true);
    expect(lines.some((line) => /^2025-06,.*Rathaus Stade.*,completed,5$/.test(line))).toBe(true);
    // The one give-up (and every other count under 5) is published as "<5", never as its number.
    const rathaus = lines.filter((line) => line.includes('Rathaus Stade'));
    expect(rathaus.filter((line) => /,[1-4]$/.test(line))).toEqual([]);
    expect(rathaus.some((line) => line.endsWith(',<5'))).toBe(true);

    const dashboard = DashboardSchema.parse(JSON.parse(await published(DASHBOARD_PATH)));
    const move = dashboard.services.find((service) => service.serviceId === 'test-move');
    expect(move?.startedByMonth.at(-1)).toBe(6);

    const everything = [
      csv,
      await published(dailyCsvPath('2025-06')),
      await published(DASHBOARD_PATH),
      await published(CATALOG_PATH),
    ].join('\n');
    for (const canary of CANARIES) {
      expect(everything, 'published').not.toContain(canary);
      expect(scanForCanary(hub.t.dataDir, canary), `hub files: ${canary}`).toEqual([]);
    }
  });
});
