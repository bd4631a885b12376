import { describe, expect, it } from 'vitest';
import { deskOpening, loadDeskHours, type DeskHours } from '../../core/desk/desk-hours';
import { PROJECT_RESOURCES, tempDir, removeDir } from '../fixtures/core-harness';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Issue 14, item 15: when the desk is open next, from its hours as data (resources/desk/desk.json), in the
 * town's time zone whatever the machine's; the handover screen and slip say it.
 */

const hours = loadDeskHours(PROJECT_RESOURCES)!;
/** A wall-clock time in Stade, given as the UTC instant it is (CET = UTC+1 in December, CEST = UTC+2 in summer). */
const at = (iso: string) => Date.parse(iso);

describe('desk hours', () => {
  it('are shipped, and as the office texts say: Mo–Fr 8:30–12:00, Tue also 14–18, Thu 8:30–18', () => {
    expect(hours.timeZone).toBe('Europe/Berlin');
    // Monday 7 December 2026, 9:00 in Stade: open now, until 12:00.
    expect(deskOpening(hours, at('2026-12-07T08:00:00Z'))).toEqual({
      openNow: true,
      from: '2026-12-07T07:30:00.000Z',
      until: '2026-12-07T11:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    // Monday 13:00: no afternoon on Mondays; Tuesday 8:30.
    expect(deskOpening(hours, at('2026-12-07T12:00:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-12-08T07:30:00.000Z',
    });
    // Tuesday 12:30: the afternoon at 14:00.
    expect(deskOpening(hours, at('2026-12-08T11:30:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-12-08T13:00:00.000Z',
      until: '2026-12-08T17:00:00.000Z',
    });
    // Thursday 11:00: one long day, open until 18:00 (the two intervals that touch are one).
    expect(deskOpening(hours, at('2026-12-10T10:00:00Z'))).toMatchObject({
      openNow: true,
      until: '2026-12-10T17:00:00.000Z',
    });
    // Friday 15:00: Monday 8:30.
    expect(deskOpening(hours, at('2026-12-11T14:00:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-12-14T07:30:00.000Z',
    });
  });

  it('count in Stade time across the change to summer time', () => {
    // Friday 27 March 2026, 15:00 CET; summer time starts on Sunday 29 March: Monday 8:30 is 6:30 UTC.
    expect(deskOpening(hours, at('2026-03-27T14:00:00Z'))).toMatchObject({
      openNow: false,
      from: '2026-03-30T06:30:00.000Z',
      until: '2026-03-30T10:00:00.000Z',
    });
  });

  it('a desk that never opens, or a broken file, says nothing', () => {
    const never: DeskHours = { timeZone: 'Europe/Berlin', openingHours: [] };
    expect(deskOpening(never, Date.now())).toBeUndefined();
    const dir = tempDir('desk-');
    try {
      mkdirSync(join(dir, 'desk'));
      writeFileSync(join(dir, 'desk', 'desk.json'), JSON.stringify({ timeZone: 'Mars/Olympus', openingHours: [] }));
      expect(loadDeskHours(dir)).toBeUndefined();
      writeFileSync(
        join(dir, 'desk', 'desk.json'),
        JSON.stringify({ timeZone: 'Europe/Berlin', openingHours: [{ days: [8], from: '08:00', to: '09:00' }] }),
      );
      expect(loadDeskHours(dir)).toBeUndefined();
      expect(loadDeskHours(join(dir, 'missing'))).toBeUndefined();
    } finally {
      removeDir(dir);
    }
  });
});
