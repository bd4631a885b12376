import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROL_PATH } from '../../contract/hub';
import { DASHBOARD_PATH, DashboardSchema, type Dashboard } from '../../contract/open-data';
import { SUPPRESSED } from '../../contract/usage';
import { CONSOLE_USAGE_PATH } from '../../hub/open-data/open-data-routes';
import { CATALOG_PATH, MONTHLY_CSV_PATH, dailyCsvPath } from '../../hub/open-data/dcat';
import { OPEN_DATA_LAG_MS } from '../../hub/open-data/publisher';
import { CSV_HEADER } from '../../hub/open-data/open-data-csv';
import { dcatViolations } from '../fixtures/dcat-shacl';
import { connectKiosk, http, type StaffSession } from '../fixtures/hub-harness';
import { usageReport, type ServiceCounts } from '../fixtures/usage-reports';
import { startHelpHub, type HelpHub } from './hub-help-helpers';

/**
 * The open data a real hub publishes (issue 18; in-process on 127.0.0.1, temp dir, real SQLite, 15 June 2025):
 * three terminals at three locations report May and June; one of them ("Ortsteil Hahle") had one session alone,
 * on 3 June. Checked: the CSV files' content and format, the dashboard's and the console's figures, the metadata
 * against GovData's shapes, and that nothing published gives the lone session away or carries a canary value.
 */

let h: HelpHub;
const terminals: Record<string, string> = {};

async function enrolAt(admin: StaffSession, name: string, location: string): Promise<string> {
  const created = await admin.post('/terminals', { name, location });
  const code = (created.body as { enrolmentCode: string }).enrolmentCode;
  const result = await http(`${h.t.hub.url}${ENROL_PATH}`, {
    method: 'POST',
    body: { enrolmentCode: code, appVersion: '0.1.0-test' },
  });
  return (result.body as { credential: string }).credential;
}

const MOVE = (started: number, completed: number): ServiceCounts => ({
  started,
  completed,
  stepsReached: { name: started, birth: started - 1 },
  givenUp: { birth: started - completed },
});
const DAYS = { '2025-05': ['05', '06', '07', '08', '09'], '2025-06': ['02', '03', '04', '05', '06'] };

async function report(credential: string, reports: ReturnType<typeof usageReport>[]): Promise<void> {
  const kiosk = await connectKiosk(h.t.hub, credential);
  await kiosk.next('welcome');
  for (const one of reports) {
    kiosk.send({ type: 'usage.report', report: one });
    await kiosk.next('usage.stored', (message) => message.day === one.day);
  }
  kiosk.close();
}

beforeAll(async () => {
  h = await startHelpHub();
  terminals.rathaus = h.credential;
  terminals.bibliothek = await enrolAt(h.admin, 'Bibliothek', 'Stadtbibliothek');
  terminals.hahle = await enrolAt(h.admin, 'Hahle', 'Ortsteil Hahle');
  const days = Object.entries(DAYS).flatMap(([month, list]) => list.map((day) => `${month}-${day}`));
  await report(
    terminals.rathaus,
    days.map((day) => usageReport(day, 1, 8, { 'test-move': MOVE(6, 4) }, { helpCalled: 2 })),
  );
  await report(
    terminals.bibliothek,
    days.map((day) =>
      usageReport(day, 1, 7, { 'test-move': MOVE(5, 3), 'test-feedback': { started: 2, completed: 2 } }),
    ),
  );
  // The lone session: one resident, one service, one day, at a terminal nobody else used.
  await report(terminals.hahle, [
    usageReport('2025-06-03', 1, 1, { 'test-feedback': { started: 1, completed: 1 } }, { language: 'uk', hour: 7 }),
  ]);
  // A report with canary ids is refused (hub-usage-ingest.test.ts); it must not surface in anything published.
  const kiosk = await connectKiosk(h.t.hub, terminals.hahle);
  await kiosk.next('welcome');
  kiosk.send({
    type: 'usage.report',
    report: usageReport('2025-06-04', 1, 2, { 'canary-svc-9e1d': { started: 1, completed: 0 } }),
  });
  kiosk.send({
    type: 'usage.report',
    report: usageReport(
      '2025-06-03',
      2,
      1,
      { 'test-feedback': { started: 1, completed: 1 } },
      { language: 'uk', hour: 7 },
    ),
  });
  await kiosk.next('usage.stored', (message) => message.revision === 2);
  kiosk.close();
  // The published figures may lag the reports by a minute (publisher.ts): past it, a request gets them all.
  h.t.clock.advance(OPEN_DATA_LAG_MS);
});
afterAll(() => h.t.close());

/** RFC 4180: fields split on commas outside quotes, "" inside quotes is one quote, records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 1;
    } else field += char;
  }
  expect(field).toBe('');
  expect(record).toEqual([]);
  return records;
}

async function getCsv(path: string): Promise<{ status: number; type: string | null; bytes: Buffer; rows: string[][] }> {
  const response = await fetch(`${h.t.hub.url}${path}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes,
    rows: response.status === 200 ? parseCsv(bytes.toString('utf8')) : [],
  };
}

const valueOf = (rows: string[][], period: string, location: string, figure: string, serviceName?: string) =>
  rows.find(
    (row) =>
      row[0] === period &&
      row[1] === location &&
      row[4] === figure &&
      (serviceName === undefined || row[3] === serviceName),
  )?.[5];

describe('open data at the hub', () => {
  it('publishes the monthly CSV without login: UTF-8 without BOM, RFC 4180, one row per period, location, service and figure', async () => {
    const csv = await getCsv(MONTHLY_CSV_PATH);
    expect(csv.status).toBe(200);
    expect(csv.type).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.bytes.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
    expect(csv.rows[0]).toEqual([...CSV_HEADER]);
    expect(csv.rows.every((row) => row.length === 6)).toBe(true);
    // "Rathaus, Erdgeschoss" has a comma: quoted in the file, one field after parsing.
    expect(csv.bytes.toString('utf8')).toContain('"Rathaus, Erdgeschoss"');
    expect(valueOf(csv.rows, '2025-05', 'Rathaus, Erdgeschoss', 'sessions')).toBe('40');
    expect(valueOf(csv.rows, '2025-05', 'Rathaus, Erdgeschoss', 'started')).toBe('30');
    expect(
      valueOf(
        csv.rows,
        '2025-05',
        'Stadtbibliothek',
        'completed',
        csv.rows.find(
          (row) => row[4] === 'completed' && row[1] === 'Stadtbibliothek' && row[3] !== '' && row[5] === '15',
        )?.[3],
      ),
    ).toBe('15');
    expect(valueOf(csv.rows, '2025-05', 'Rathaus, Erdgeschoss', 'help_called')).toBe('10');
    expect(valueOf(csv.rows, '2025-05', 'Rathaus, Erdgeschoss', 'language_de')).toBe('40');
    // Services carry their LeiKa key column (the fixture services have none: empty) and German name.
    const started = csv.rows.filter((row) => row[4] === 'started');
    expect(started.every((row) => row[2] === '' && row[3] !== '')).toBe(true);
  });

  it('publishes a daily CSV for each month with data, and none for a month without', async () => {
    const june = await getCsv(dailyCsvPath('2025-06'));
    expect(june.status).toBe(200);
    expect(june.rows[0]).toEqual([...CSV_HEADER]);
    expect(valueOf(june.rows, '2025-06-03', 'Ortsteil Hahle', 'sessions')).toBe(SUPPRESSED);
    // Where no small count is near, a day's figure as it is.
    const may = await getCsv(dailyCsvPath('2025-05'));
    expect(valueOf(may.rows, '2025-05-05', 'Rathaus, Erdgeschoss', 'sessions')).toBe('8');
    expect((await getCsv(dailyCsvPath('2025-04'))).status).toBe(404);
  });

  it('gives the lone session away nowhere: its cells are "<5" and no published total lets them be worked out', async () => {
    const monthly = (await getCsv(MONTHLY_CSV_PATH)).rows.slice(1);
    const daily = [
      ...(await getCsv(dailyCsvPath('2025-05'))).rows.slice(1),
      ...(await getCsv(dailyCsvPath('2025-06'))).rows.slice(1),
    ];
    const dashboard = DashboardSchema.parse((await http(`${h.t.hub.url}${DASHBOARD_PATH}`)).body);
    const hahle = [...monthly, ...daily].filter((row) => row[1] === 'Ortsteil Hahle');
    expect(hahle.length).toBeGreaterThan(0);
    expect(hahle.every((row) => row[5] === SUPPRESSED)).toBe(true);

    // A reader's equations: each month cell is the sum of its days; the dashboard's town-wide sessions, started
    // and completed per month are the sums of the locations' cells. A missing row is a 0.
    type Key = string;
    const cells = new Map<Key, string>();
    for (const row of [...monthly, ...daily]) cells.set(row.slice(0, 5).join('|'), row[5]!);
    const equations: { total: string | number; parts: Key[] }[] = [];
    for (const row of monthly) {
      const [month, location, leika, name, figure] = row as [string, string, string, string, string];
      const days = [...new Set(daily.filter((d) => d[0]!.startsWith(month)).map((d) => d[0]!))];
      equations.push({ total: row[5]!, parts: days.map((day) => [day, location, leika, name, figure].join('|')) });
    }
    const locations = [...new Set(monthly.map((row) => row[1]!))];
    dashboard.months.forEach((month, index) => {
      equations.push({
        total: dashboard.sessionsByMonth[index]!,
        parts: locations.map((l) => [month, l, '', '', 'sessions'].join('|')),
      });
      for (const service of dashboard.services) {
        const name =
          monthly.find((row) => row[4] === 'started' && row[3] === service.title.de)?.[3] ?? service.title.de;
        for (const [figure, values] of [
          ['started', service.startedByMonth],
          ['completed', service.completedByMonth],
        ] as const)
          equations.push({
            total: values[index]!,
            parts: locations.map((l) => [month, l, service.leikaKey ?? '', name, figure].join('|')),
          });
      }
    });
    const derived = new Map<Key, number>();
    const known = (key: Key): number | undefined => {
      const value = cells.get(key);
      if (value === undefined) return 0;
      if (value === SUPPRESSED) return derived.get(key);
      return Number(value);
    };
    for (let changed = true; changed;) {
      changed = false;
      for (const equation of equations) {
        if (equation.total === SUPPRESSED) continue;
        const unknown = equation.parts.filter((part) => known(part) === undefined);
        if (unknown.length === 0) continue;
        const rest = Number(equation.total) - equation.parts.reduce((sum, part) => sum + (known(part) ?? 0), 0);
        if (unknown.length === 1 || rest === unknown.length) {
          for (const part of unknown) derived.set(part, unknown.length === 1 ? rest : 1);
          changed = true;
        }
      }
    }
    expect([...derived.keys()]).toEqual([]);
  });

  it('serves the dashboard figures, suppressed, in the contract’s shape', async () => {
    const result = await http(`${h.t.hub.url}${DASHBOARD_PATH}`);
    expect(result.status).toBe(200);
    expect(result.headers['cache-control']).toBe('public, max-age=60');
    const dashboard: Dashboard = DashboardSchema.parse(result.body);
    expect(dashboard.terminal).toBeNull();
    expect(dashboard.months).toEqual(['2025-05', '2025-06']);
    expect(dashboard.sessionsByMonth[0]).toBe(75);
    const move = dashboard.services.find((service) => service.serviceId === 'test-move')!;
    expect(move.startedByMonth).toEqual([55, 55]);
    expect(move.funnel.map((step) => step.stepId).slice(0, 2)).toEqual(['name', 'birth']);
    expect(move.funnel[0]!.reached).toBe(110);
    expect(dashboard.languages.find((entry) => entry.language === 'uk')!.sessions).toBe(SUPPRESSED);
    // Help: Rathaus asked twice a day at 10:00 (10 weekdays): Monday to Friday, 10 h.
    expect(dashboard.helpByWeekdayHour[0]![10]).toBe(SUPPRESSED);
    expect(dashboard.averageDurationMinutes).toBe(3.5);
  });

  it('shows staff one terminal’s figures in the console, logged in only, audited', async () => {
    const rathausId = terminals.rathaus!.split('.')[0]!;
    expect((await http(`${h.t.hub.url}${CONSOLE_USAGE_PATH}?terminalId=${rathausId}`)).status).toBe(401);
    const own = await h.meyer.get(`/usage?terminalId=${rathausId}`);
    expect(own.status).toBe(200);
    const dashboard = DashboardSchema.parse(own.body);
    expect(dashboard.terminal).toEqual({ terminalId: rathausId, name: 'Foyer' });
    expect(dashboard.sessionsByMonth).toEqual([40, 40]);
    expect((await h.meyer.get('/usage?terminalId=t_doesnotexist')).status).toBe(404);
    expect((await h.meyer.get('/usage?terminalId=x')).status).toBe(400);
    const audit = (await h.admin.get('/audit')).body as {
      action: string;
      outcome: string;
      terminalId: string | null;
    }[];
    const views = audit.filter((entry) => entry.action === 'usage.view');
    expect(views.map((entry) => entry.outcome)).toEqual(['refused', 'refused', 'ok']);
    expect(views[2]!.terminalId).toBe(rathausId);
  });

  it('publishes DCAT-AP.de metadata that GovData’s shapes accept, whose every download address answers', async () => {
    const result = await fetch(`${h.t.hub.url}${CATALOG_PATH}`);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/ld+json; charset=utf-8');
    const document = (await result.json()) as {
      'dcat:dataset': { 'dcat:distribution': { 'dcat:downloadURL': { '@id': string } }[]; 'dct:temporal': unknown };
    };
    expect(await dcatViolations(document)).toEqual([]);
    const downloads = document['dcat:dataset']['dcat:distribution'].map((entry) => entry['dcat:downloadURL']['@id']);
    expect(downloads.map((url) => new URL(url).pathname)).toEqual([
      MONTHLY_CSV_PATH,
      dailyCsvPath('2025-05'),
      dailyCsvPath('2025-06'),
    ]);
    for (const url of downloads) expect((await fetch(url)).status).toBe(200);
    expect(JSON.stringify(document['dcat:dataset']['dct:temporal'])).toContain('2025-05-05');
  }, 120_000);

  it('carries no canary value in anything published', async () => {
    const texts = await Promise.all(
      [MONTHLY_CSV_PATH, dailyCsvPath('2025-05'), dailyCsvPath('2025-06'), CATALOG_PATH, DASHBOARD_PATH].map(
        async (path) => (await fetch(`${h.t.hub.url}${path}`)).text(),
      ),
    );
    for (const text of texts) expect(text.toLowerCase()).not.toContain('canary');
  });
});
