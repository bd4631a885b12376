import type { CodeKeywordDefinition, KeywordCxt } from 'ajv/dist/2020';

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

/** The params of one `x-kiosk-date` error: the field error code and its ICU params. */
export type KioskDateProblem = { code: string } & Record<string, string>;

/** Checks one date against its rules; null when it passes. */
export type KioskDateCheck = (rules: KioskDateRules, data: string) => KioskDateProblem[] | null;

/** Ajv's code generation helpers, from the Ajv module loaded at run time (see ./ajv.ts). */
export type AjvCodegen = Pick<typeof import('ajv/dist/2020'), '_' | 'Name'>;

/**
 * The name under which generated standalone code expects the check (see ../catalog/precompiled.ts):
 * the rules are the same, but "today" belongs to the core that loads the code.
 */
export const KIOSK_DATE_CHECK_NAME = 'kioskDate';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function shiftDate(iso: string, days: number, years: number): string {
  const [, y, m, d] = ISO_DATE.exec(iso)!;
  const date = new Date(Date.UTC(Number(y) + years, Number(m) - 1, Number(d) + days));
  return date.toISOString().slice(0, 10);
}

export function kioskDateCheck(today: () => string): KioskDateCheck {
  return (rules, data) => {
    if (!ISO_DATE.test(data)) return null;
    const problems: KioskDateProblem[] = [];
    const now = today();
    if (rules.notInFuture && data > now) problems.push({ code: 'date_in_future' });
    if (rules.notBeforeToday && data < now) problems.push({ code: 'date_in_past' });
    if (rules.maxDaysAhead !== undefined) {
      const max = shiftDate(now, rules.maxDaysAhead, 0);
      if (data > max) problems.push({ code: 'date_too_late', max });
    }
    if (rules.maxYearsAgo !== undefined) {
      const min = shiftDate(now, 0, -rules.maxYearsAgo);
      if (data < min) problems.push({ code: 'date_too_early', min });
    }
    return problems.length > 0 ? problems : null;
  };
}

/**
 * Defined with generated code rather than a validate function, so that Ajv can also emit it as
 * standalone code at build time: the generated code calls `check` through a scope value whose
 * standalone form is the free name KIOSK_DATE_CHECK_NAME. Each problem becomes one Ajv error
 * ({keyword: 'x-kiosk-date', params: {code, ...}, message: code}).
 */
export function kioskDateKeyword(check: KioskDateCheck, codegen: AjvCodegen): CodeKeywordDefinition {
  const { _, Name } = codegen;
  return {
    keyword: KIOSK_DATE_KEYWORD,
    type: 'string',
    schemaType: 'object',
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
    error: {
      message: ({ params }) => _`${params.problem}.code`,
      params: ({ params }) => _`${params.problem}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schemaCode } = cxt;
      const checkRef = gen.scopeValue('keyword', { ref: check, code: new Name(KIOSK_DATE_CHECK_NAME) });
      const problems = gen.const('problems', _`${checkRef}(${schemaCode}, ${data})`);
      gen.if(_`${problems} !== null`, () => {
        gen.forOf('problem', problems, (problem) => cxt.error(true, { problem }));
      });
    },
  };
}
