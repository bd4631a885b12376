import type { KeywordDefinition } from 'ajv/dist/2020';
import type { SchemaValidateFunction } from 'ajv/dist/types';

/**
 * Custom JSON Schema keyword `x-kiosk-date` for date properties ("YYYY-MM-DD"),
 * relative to *today* as given by the core's injected clock (Europe/Berlin):
 *
 *   "moveDate": { "type": "string", "format": "date",
 *                 "x-kiosk-date": { "notBeforeToday": true, "maxDaysAhead": 90 } }
 *
 *   notInFuture: true     date ≤ today            else field error `date_in_future`
 *   notBeforeToday: true  date ≥ today            else `date_in_past`
 *   maxDaysAhead: n       date ≤ today + n days   else `date_too_late` {max: ISO date}
 *   maxYearsAgo: n        date ≥ today − n years  else `date_too_early` {min: ISO date}
 *
 * Fixed bounds use ajv-formats' `formatMinimum` / `formatMaximum` (→ date_too_early / date_too_late).
 * Values that are not ISO dates are left to `format: "date"`.
 */
export const KIOSK_DATE_KEYWORD = 'x-kiosk-date';

export interface KioskDateRules {
  notInFuture?: boolean;
  notBeforeToday?: boolean;
  maxDaysAhead?: number;
  maxYearsAgo?: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function shiftDate(iso: string, days: number, years: number): string {
  const [, y, m, d] = ISO_DATE.exec(iso)!;
  const date = new Date(Date.UTC(Number(y) + years, Number(m) - 1, Number(d) + days));
  return date.toISOString().slice(0, 10);
}

type KeywordError = { keyword: string; message: string; params: Record<string, string> };

export function kioskDateKeyword(today: () => string): KeywordDefinition {
  const validate: SchemaValidateFunction = (rules: KioskDateRules, data: string): boolean => {
    const errors: KeywordError[] = [];
    if (ISO_DATE.test(data)) {
      const now = today();
      if (rules.notInFuture && data > now) errors.push(error('date_in_future', {}));
      if (rules.notBeforeToday && data < now) errors.push(error('date_in_past', {}));
      if (rules.maxDaysAhead !== undefined) {
        const max = shiftDate(now, rules.maxDaysAhead, 0);
        if (data > max) errors.push(error('date_too_late', { max }));
      }
      if (rules.maxYearsAgo !== undefined) {
        const min = shiftDate(now, 0, -rules.maxYearsAgo);
        if (data < min) errors.push(error('date_too_early', { min }));
      }
    }
    validate.errors = errors;
    return errors.length === 0;
  };
  return {
    keyword: KIOSK_DATE_KEYWORD,
    type: 'string',
    schemaType: 'object',
    errors: true,
    metaSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        notInFuture: { type: 'boolean' },
        notBeforeToday: { type: 'boolean' },
        maxDaysAhead: { type: 'integer', minimum: 0 },
        maxYearsAgo: { type: 'integer', minimum: 0 },
      },
    },
    validate,
  };
}

function error(code: string, extra: Record<string, string>): KeywordError {
  return { keyword: KIOSK_DATE_KEYWORD, message: code, params: { code, ...extra } };
}
