import { describe, expect, it } from 'vitest';
import { datePartsInError, enterDatePart } from '../../renderer/fields/date-entry';

const empty = { day: '', month: '', year: '' };

describe('typing a date (issue 14)', () => {
  it('fills all three fields from a whole date typed or pasted into Tag', () => {
    expect(enterDatePart(empty, 'day', '27031958')).toEqual({
      value: { day: '27', month: '03', year: '1958' },
      focus: 'year',
    });
    expect(enterDatePart(empty, 'day', '27.03.1958')).toEqual({
      value: { day: '27', month: '03', year: '1958' },
      focus: 'year',
    });
    expect(enterDatePart(empty, 'day', '7.3.1958').value).toEqual({ day: '7', month: '3', year: '1958' });
    expect(enterDatePart(empty, 'day', '27 03 1958').value).toEqual({ day: '27', month: '03', year: '1958' });
    expect(enterDatePart(empty, 'day', '2703')).toEqual({
      value: { day: '27', month: '03', year: '' },
      focus: 'month',
    });
  });

  it('moves on from Tag to Monat and from Monat to Jahr after two digits, never when deleting', () => {
    expect(enterDatePart(empty, 'day', '2')).toEqual({ value: { ...empty, day: '2' } });
    expect(enterDatePart({ ...empty, day: '2' }, 'day', '27')).toEqual({
      value: { ...empty, day: '27' },
      focus: 'month',
    });
    expect(enterDatePart({ ...empty, day: '27' }, 'month', '03')).toEqual({
      value: { ...empty, day: '27', month: '03' },
      focus: 'year',
    });
    // Deleting back to two digits stays put.
    expect(enterDatePart({ ...empty, day: '271' }, 'day', '27').focus).toBeUndefined();
    expect(enterDatePart(empty, 'year', '1958')).toEqual({ value: { ...empty, year: '1958' } });
  });

  it('takes "27." and "3." as a finished part and drops the dot carried into the next field', () => {
    expect(enterDatePart({ ...empty, day: '3' }, 'day', '3.')).toEqual({
      value: { ...empty, day: '3' },
      focus: 'month',
    });
    expect(enterDatePart({ ...empty, day: '27' }, 'month', '.')).toEqual({ value: { ...empty, day: '27' } });
    expect(enterDatePart({ day: '27', month: '03', year: '' }, 'year', '.').value.year).toBe('');
  });

  it('marks only the part an error is about (GOV.UK)', () => {
    const date = { day: '27', month: '03', year: '58' };
    expect(datePartsInError('date_year_digits', date)).toEqual(['year']);
    expect(datePartsInError('date_incomplete', { day: '27', month: '', year: '1958' })).toEqual(['month']);
    expect(datePartsInError('date_invalid', { day: '27', month: '13', year: '1958' })).toEqual(['month']);
    expect(datePartsInError('date_invalid', { day: '32', month: '3', year: '1958' })).toEqual(['day']);
    expect(datePartsInError('date_invalid', { day: '31', month: '2', year: '1958' })).toEqual(['day', 'month', 'year']);
    expect(datePartsInError('date_in_future', date)).toEqual(['day', 'month', 'year']);
    expect(datePartsInError(undefined, date)).toEqual([]);
  });
});
