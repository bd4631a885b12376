import { describe, expect, it } from 'vitest';
import { SUPPRESSED } from '../../contract/usage';
import type { StoredUsageDay } from '../../hub/stores/usage-store';
import { buildDashboard } from '../../hub/open-data/dashboard';
import type { ServiceDirectory } from '../../hub/open-data/service-directory';
import { usageReport } from '../fixtures/usage-reports';

/**
 * The dashboard's figures over the whole period (funnel, languages, ratings, help by weekday and hour) are sums
 * over the months. A month whose town-wide total is suppressed must not be given away by them: the whole period
 * minus the published months. Here May has 3 sessions (suppressed) and June 10, at one location.
 */

const move = {
  serviceId: 'move',
  leikaKey: null,
  title: { de: 'Umzug', en: 'Move' },
  steps: [
    { stepId: 'name', title: { de: 'Name', en: 'Name' } },
    { stepId: 'birth', title: { de: 'Geburt', en: 'Birth' } },
  ],
};
const directory: ServiceDirectory = { services: [move], byId: new Map([[move.serviceId, move]]) };

function day(date: string, sessions: number, helpCalled: number): StoredUsageDay {
  const report = usageReport(
    date,
    1,
    sessions,
    {
      move: {
        started: sessions,
        completed: sessions - 1,
        stepsReached: { name: sessions, birth: sessions - 1 },
        givenUp: { birth: 1 },
      },
    },
    { helpCalled },
  );
  report.feedback = { good: sessions };
  return { terminalId: 't_rathaus01', location: 'Rathaus', report };
}

/** The value a reader would work out for May: the whole period minus June (published). */
const mayFrom = (period: number | typeof SUPPRESSED, june: number) =>
  typeof period === 'number' ? period - june : undefined;

describe('the whole-period figures never give a suppressed month away', () => {
  const dashboard = buildDashboard(
    [day('2025-05-06', 3, 3), day('2025-06-03', 10, 6)],
    directory,
    Date.UTC(2025, 5, 15),
    null,
  );
  const service = dashboard.services[0]!;

  it('the months as published: May suppressed, June 10', () => {
    expect(dashboard.months).toEqual(['2025-05', '2025-06']);
    expect(dashboard.sessionsByMonth).toEqual([SUPPRESSED, 10]);
    expect(service.startedByMonth).toEqual([SUPPRESSED, 10]);
  });

  it('the funnel: the step every starter reached is suppressed; the given-up line cannot be added up', () => {
    const [name, birth] = service.funnel;
    expect(mayFrom(name!.reached, 10)).toBeUndefined();
    expect(birth!.reached).toBe(11); // 13 started, 11 reached "birth": not a sum of starts
    expect(service.funnel.map((step) => step.givenUp)).toContain(SUPPRESSED);
  });

  it('languages and ratings: the sums over the period are suppressed', () => {
    const german = dashboard.languages.find((entry) => entry.language === 'de')!;
    expect(mayFrom(german.sessions, 10)).toBeUndefined();
    expect(mayFrom(dashboard.feedback.good, 10)).toBeUndefined();
  });

  it('help by weekday and hour: its cells no longer add up to the period', () => {
    const cells = dashboard.helpByWeekdayHour.flat();
    expect(cells).toContain(SUPPRESSED);
  });

  it('with every month published, the same figures are shown as counted', () => {
    const open = buildDashboard(
      [day('2025-05-06', 8, 6), day('2025-06-03', 10, 6)],
      directory,
      Date.UTC(2025, 5, 15),
      null,
    );
    expect(open.sessionsByMonth).toEqual([8, 10]);
    expect(open.services[0]!.funnel[0]!.reached).toBe(18);
    expect(open.languages.find((entry) => entry.language === 'de')!.sessions).toBe(18);
    expect(open.feedback.good).toBe(18);
  });
});
