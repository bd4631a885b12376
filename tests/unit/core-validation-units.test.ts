import { describe, expect, it } from 'vitest';
import type { Field } from '../../contract';
import { isoDateInZone } from '../../core/clock';
import { createServiceAjv } from '../../core/validation/ajv';
import { cleanAnswer, cleanString, dateFromParts } from '../../core/validation/clean-input';
import { toFieldErrors } from '../../core/validation/field-errors';

const field = (type: Field['type']): Field => ({ name: 'x', type, optional: false, personal: true });

describe('input cleaning', () => {
  it('rejects hidden characters and normalises the rest', () => {
    expect(cleanString(' A\u0308bc\t', false)).toBeNull();
    expect(cleanString(' A\u0308bc\t', true)).toBe('Äbc');
    expect(cleanString('ok\u061Cok', true)).toBeNull();
    expect(cleanString('Straße 5', false)).toBe('Straße 5');
    expect(cleanString('مرحبا', false)).toBe('مرحبا');
  });

  it('turns date parts into ISO dates', () => {
    expect(dateFromParts({ day: ' 7 ', month: '03', year: '2000' })).toEqual({ kind: 'value', value: '2000-03-07' });
    expect(dateFromParts({ day: '', month: '', year: '' })).toEqual({ kind: 'empty' });
    expect(dateFromParts({ day: '0', month: '1', year: '2000' })).toMatchObject({ code: 'date_invalid' });
    expect(dateFromParts({ day: '1', month: '13', year: '2000' })).toMatchObject({ code: 'date_invalid' });
    expect(dateFromParts({ day: '1', month: '1', year: '0000' })).toMatchObject({ code: 'date_invalid' });
    expect(dateFromParts({ day: '1\u202E', month: '1', year: '2000' })).toMatchObject({ code: 'invalid_characters' });
  });

  it('says a year of fewer than 4 digits is the problem (issue 14)', () => {
    expect(dateFromParts({ day: '27', month: '03', year: '58' })).toEqual({ kind: 'error', code: 'date_year_digits' });
    expect(dateFromParts({ day: '27', month: '03', year: '958' })).toMatchObject({ code: 'date_year_digits' });
    expect(dateFromParts({ day: '27', month: '3a', year: '58' })).toMatchObject({ code: 'date_invalid' });
    expect(dateFromParts({ day: '27', month: '03', year: '1958' })).toEqual({ kind: 'value', value: '1958-03-27' });
  });

  it('takes only Latin letters in name and address fields, any script in free text (issue 13)', () => {
    const named = (type: Field['type'], autocomplete?: string, script?: Field['script']): Field => ({
      ...field(type),
      ...(autocomplete ? { autocomplete } : {}),
      ...(script ? { script } : {}),
    });
    for (const token of ['family-name', 'given-name', 'name', 'address-line1', 'address-level2']) {
      expect(cleanAnswer(named('text', token), {}, 'Иванова')).toEqual({ kind: 'error', code: 'not_latin' });
      expect(cleanAnswer(named('text', token), {}, 'محمد')).toEqual({ kind: 'error', code: 'not_latin' });
      expect(cleanAnswer(named('text', token), {}, 'Ivanova-Öztürk Şükrü Łukasz')).toMatchObject({ kind: 'value' });
    }
    expect(cleanAnswer(named('text', 'address-line1'), {}, 'Hökerstraße 12a')).toMatchObject({ kind: 'value' });
    // Mixed: one Cyrillic letter in a Latin name is still refused.
    expect(cleanAnswer(named('text', 'family-name'), {}, 'Mюller')).toMatchObject({ code: 'not_latin' });
    // Free text and the service's own choice.
    expect(cleanAnswer(named('textarea'), {}, 'Фонарь не горит')).toMatchObject({ kind: 'value' });
    expect(cleanAnswer(named('text'), {}, 'Фонарь')).toMatchObject({ kind: 'value' });
    expect(cleanAnswer(named('text', 'family-name', 'any'), {}, 'Иванова')).toMatchObject({ kind: 'value' });
    expect(cleanAnswer(named('text', undefined, 'latin'), {}, 'Иванова')).toMatchObject({ code: 'not_latin' });
  });

  it('converts numbers by schema type, with a German decimal comma', () => {
    expect(cleanAnswer(field('number'), { type: 'number' }, '2,5')).toEqual({ kind: 'value', value: 2.5 });
    expect(cleanAnswer(field('number'), { type: 'integer' }, ' 12 ')).toEqual({ kind: 'value', value: 12 });
    expect(cleanAnswer(field('number'), { type: 'integer' }, '1e3')).toMatchObject({ code: 'invalid' });
    expect(cleanAnswer(field('number'), { type: 'number' }, 'NaN')).toMatchObject({ code: 'invalid' });
    expect(cleanAnswer(field('checkboxes'), {}, [])).toEqual({ kind: 'empty' });
    expect(cleanAnswer(field('confirm'), {}, 'true')).toMatchObject({ code: 'invalid' });
  });
});

describe('x-kiosk-date keyword', () => {
  const validate = (rules: object, today = '2025-06-15') => {
    const ajv = createServiceAjv(() => today);
    return ajv.compile({ type: 'string', format: 'date', 'x-kiosk-date': rules });
  };

  it('maxYearsAgo and maxDaysAhead are measured from the injected today', () => {
    const recent = validate({ maxYearsAgo: 1 });
    expect(recent('2024-06-15')).toBe(true);
    expect(recent('2024-06-14')).toBe(false);
    expect(toFieldErrors(recent.errors, 'x')).toEqual([
      { field: 'x', code: 'date_too_early', params: { min: '2024-06-15' } },
    ]);
    const soon = validate({ maxDaysAhead: 0, notBeforeToday: true });
    expect(soon('2025-06-15')).toBe(true);
    expect(toFieldErrors((soon('2025-06-16'), soon.errors), 'x')).toEqual([
      { field: 'x', code: 'date_too_late', params: { max: '2025-06-15' } },
    ]);
  });

  it('"today" is the calendar day in Berlin', () => {
    // 23:30 UTC on 14 June is already 15 June in Stade (CEST).
    expect(isoDateInZone(Date.UTC(2025, 5, 14, 23, 30), 'Europe/Berlin')).toBe('2025-06-15');
    expect(isoDateInZone(Date.UTC(2025, 0, 14, 23, 30), 'Europe/Berlin')).toBe('2025-01-15');
  });
});
