import { describe, expect, it } from 'vitest';
import { DESK_OFFICE_ID, type OpeningHours } from '../../contract';
import { loadOffices } from '../../core/offices/load-offices';
import { officeOpening } from '../../core/offices/opening';
import { FakeClock, openTestCore, PROJECT_RESOURCES } from '../fixtures/core-harness';

/**
 * Issue 15 (and issue 14, item 15): whether an office is open now or when it opens next, from its weekly hours in
 * resources/offices/offices.json, in the office's time zone whatever the machine's, with the core's clock. The
 * help desk's hours are the `info` office's (the handover screen and slip say them).
 */

const offices = loadOffices(PROJECT_RESOURCES);
const desk = offices.byId.get(DESK_OFFICE_ID)!;
/** A wall-clock time in Stade, given as the UTC instant it is (CET = UTC+1 in winter, CEST = UTC+2 in summer). */
const at = (iso: string) => Date.parse(iso);

describe('office opening', () => {
  it('the desk (info office) is shipped with Mo–Fr 8:30–12:00, Tue also 14–18, Thu 8:30–18', () => {
    expect(offices.problems).toEqual([]);
    expect(desk.timeZone).toBe('Europe/Berlin');
    // Monday 7 December 2026, 9:00 in Stade: open now, until 12:00.
    expect(officeOpening(desk, at('2026-12-07T08:00:00Z'))).toEqual({
      openNow: true,
      from: '2026-12-07T07:30:00.000Z',
      until: '2026-12-07T11:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    // Monday 13:00: no afternoon on Mondays; Tuesday 8:30.
    expect(officeOpening(desk, at('2026-12-07T12:00:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-12-08T07:30:00.000Z',
    });
    // Tuesday 12:30: the afternoon at 14:00.
    expect(officeOpening(desk, at('2026-12-08T11:30:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-12-08T13:00:00.000Z',
      until: '2026-12-08T17:00:00.000Z',
    });
    // Thursday 11:00: one long day, open until 18:00 (the two intervals that touch are one).
    expect(officeOpening(desk, at('2026-12-10T10:00:00Z'))).toMatchObject({
      openNow: true,
      until: '2026-12-10T17:00:00.000Z',
    });
    // Exactly at closing time it is closed: the next opening is Friday's.
    expect(officeOpening(desk, at('2026-12-10T17:00:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-12-11T07:30:00.000Z',
    });
  });

  it('on a Sunday the Rathaus opens on Monday, and the library (open on Saturdays) on Tuesday', () => {
    const sunday = at('2026-12-13T10:00:00Z');
    expect(officeOpening(desk, sunday)).toMatchObject({ openNow: false, from: '2026-12-14T07:30:00.000Z' });
    const library = offices.byId.get('stadtbibliothek')!;
    expect(officeOpening(library, sunday)).toMatchObject({ openNow: false, from: '2026-12-15T09:00:00.000Z' });
    // Saturday 11:00: the library is open until 13:00, the Rathaus is not.
    const saturday = at('2026-12-12T10:00:00Z');
    expect(officeOpening(library, saturday)).toMatchObject({ openNow: true, until: '2026-12-12T12:00:00.000Z' });
    expect(officeOpening(desk, saturday)).toMatchObject({ openNow: false, from: '2026-12-14T07:30:00.000Z' });
  });

  it('counts in Stade time across the change to summer time and back', () => {
    // Friday 27 March 2026, 15:00 CET; summer time starts on Sunday 29 March: Monday 8:30 is 6:30 UTC.
    expect(officeOpening(desk, at('2026-03-27T14:00:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-03-30T06:30:00.000Z',
      until: '2026-03-30T10:00:00.000Z',
    });
    // Sunday 29 March 2026 at 3:30 CEST (the hour from 2:00 to 3:00 did not exist): still Monday 8:30 CEST.
    expect(officeOpening(desk, at('2026-03-29T01:30:00Z'))).toMatchObject({ from: '2026-03-30T06:30:00.000Z' });
    // Saturday 24 October 2026; winter time from Sunday 25 October: Monday 8:30 CET is 7:30 UTC.
    expect(officeOpening(desk, at('2026-10-24T10:00:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-10-26T07:30:00.000Z',
      until: '2026-10-26T11:00:00.000Z',
    });
  });

  it('an office that never opens says nothing', () => {
    const never: OpeningHours = { timeZone: 'Europe/Berlin', openingHours: [] };
    expect(officeOpening(never, at('2026-12-07T08:00:00Z'))).toBeUndefined();
  });

  it('offices.status answers every office as of the core clock, through the API', async () => {
    // Thursday 10 December 2026, 13:00 in Stade (the fixture offices: buergerbuero, ordnungsamt, info).
    const clock = new FakeClock(at('2026-12-10T12:00:00Z'));
    const test = openTestCore({ clock });
    try {
      const status = await test.value('offices.status', {});
      expect(status.now).toBe('2026-12-10T12:00:00.000Z');
      const byId = Object.fromEntries(status.offices.map((entry) => [entry.id, entry.opening]));
      expect(Object.keys(byId).sort()).toEqual(['buergerbuero', 'info', 'ordnungsamt']);
      expect(byId.buergerbuero).toMatchObject({ openNow: true, until: '2026-12-10T17:00:00.000Z' });
      // The Ordnungsamt has a lunch break on Thursdays: 14:00.
      expect(byId.ordnungsamt).toMatchObject({ openNow: false, from: '2026-12-10T13:00:00.000Z' });
      clock.advance(6 * 3_600_000);
      const evening = await test.value('offices.status', {});
      expect(evening.offices.find((entry) => entry.id === 'info')?.opening).toMatchObject({
        openNow: false,
        from: '2026-12-11T07:30:00.000Z',
      });
    } finally {
      test.close();
    }
  });
});
