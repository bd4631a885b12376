import { type ErrorKey, ZmsFailure } from './errors';
import { isCalendarDate } from './local-time';

/**
 * Request checks as zmscitizenapi's ValidationService does them: every problem of a request is collected
 * and answered together (highest status wins), in the order of the recorded answers.
 */
const INT32_MAX = 2_147_483_647;

/** A positive 32-bit integer given as a number or a digit string. */
export function int32(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,10}$/.test(text)) return undefined;
  const number = Number(text);
  return number >= 1 && number <= INT32_MAX ? number : undefined;
}

function intList(value: unknown): number[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? value.split(',') : [];
  if (items.length === 0) return undefined;
  const numbers = items.map((item) => int32(typeof item === 'string' ? item.trim() : item));
  return numbers.every((number) => number !== undefined) ? (numbers as number[]) : undefined;
}

function fail(errors: ErrorKey[]): void {
  if (errors.length > 0) throw new ZmsFailure(errors);
}

export interface CalendarQuery {
  startDate: string;
  endDate: string;
  slotsStartDate: string;
  slotsEndDate: string;
  officeIds: number[];
  serviceIds: number[];
  serviceCounts: number[];
}

export function parseCalendarQuery(query: Record<string, unknown>): CalendarQuery {
  const errors: ErrorKey[] = [];
  const { startDate, endDate } = query;
  if (!isCalendarDate(startDate)) errors.push('invalidStartDate');
  if (!isCalendarDate(endDate) || (isCalendarDate(startDate) && endDate < startDate)) errors.push('invalidEndDate');
  const officeIds = intList(query.officeIds);
  if (!officeIds) errors.push('invalidOfficeId');
  const serviceIds = intList(query.serviceIds);
  if (!serviceIds) errors.push('invalidServiceId');
  const serviceCounts = intList(query.serviceCounts);
  if (!serviceCounts) errors.push('invalidServiceCount');
  const slotsStart =
    query.slotsStartDate === undefined || query.slotsStartDate === '' ? startDate : query.slotsStartDate;
  const slotsEnd = query.slotsEndDate === undefined || query.slotsEndDate === '' ? endDate : query.slotsEndDate;
  if (!isCalendarDate(slotsStart)) errors.push('invalidStartDate');
  if (!isCalendarDate(slotsEnd)) errors.push('invalidEndDate');
  fail([...new Set(errors)]);
  if (serviceIds!.length !== serviceCounts!.length) fail(['mismatchedArrays']);
  return {
    startDate: startDate as string,
    endDate: endDate as string,
    slotsStartDate: slotsStart as string,
    slotsEndDate: slotsEnd as string,
    officeIds: officeIds!,
    serviceIds: serviceIds!,
    serviceCounts: serviceCounts!,
  };
}

export interface ReserveRequest {
  officeId: number;
  serviceIds: number[];
  serviceCounts: number[];
  timestamp: number;
}

export function parseReserve(body: Record<string, unknown>): ReserveRequest {
  const errors: ErrorKey[] = [];
  const officeId = int32(body.officeId);
  if (officeId === undefined) errors.push('invalidOfficeId');
  const serviceIds = intList(body.serviceId);
  if (!serviceIds) errors.push('invalidServiceId');
  // ZMS defaults a missing count to one per service; a count given must be numeric.
  const serviceCounts =
    body.serviceCount === undefined && serviceIds ? serviceIds.map(() => 1) : intList(body.serviceCount);
  if (!serviceCounts && body.serviceCount !== undefined) errors.push('invalidServiceCount');
  const timestamp =
    int32(body.timestamp) ??
    (typeof body.timestamp === 'string' || typeof body.timestamp === 'number'
      ? positiveInteger(body.timestamp)
      : undefined);
  if (timestamp === undefined) errors.push('invalidTimestamp');
  fail(errors);
  if (serviceIds!.length !== serviceCounts!.length) fail(['mismatchedArrays']);
  return { officeId: officeId!, serviceIds: serviceIds!, serviceCounts: serviceCounts!, timestamp: timestamp! };
}

/** Timestamps may exceed 32 bits (the recorded tests use 32526616522). */
function positiveInteger(value: string | number): number | undefined {
  const text = String(value);
  if (!/^\d{1,12}$/.test(text)) return undefined;
  const number = Number(text);
  return number > 0 ? number : undefined;
}

export interface ProcessRef {
  processId: number;
  authKey: string;
}

/** Auth keys are short alphanumeric strings; anything else is malformed, not merely wrong. */
const AUTH_KEY = /^[A-Za-z0-9]{1,64}$/;

export function parseProcessRef(input: Record<string, unknown>, extra: ErrorKey[] = []): ProcessRef {
  const errors: ErrorKey[] = [];
  const processId = int32(input.processId);
  if (processId === undefined) errors.push('invalidProcessId');
  if (typeof input.authKey !== 'string' || !AUTH_KEY.test(input.authKey)) errors.push('invalidAuthKey');
  fail([...errors, ...extra]);
  return { processId: processId!, authKey: input.authKey as string };
}

export interface ContactUpdate extends ProcessRef {
  familyName: string;
  email: string;
  telephone: string;
  customTextfield: string;
  customTextfield2: string;
}

// Control characters (and the separators that break a printed line) are refused in names and texts.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const MAX_NAME = 250;
const EMAIL = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]{2,}$/u;

function optionalText(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : undefined;
}

export function parseUpdate(body: Record<string, unknown>): ContactUpdate {
  const errors: ErrorKey[] = [];
  const familyName = typeof body.familyName === 'string' ? body.familyName.trim() : '';
  if (familyName === '' || familyName.length > MAX_NAME || CONTROL.test(familyName)) errors.push('invalidFamilyName');
  const email = optionalText(body.email)?.trim();
  if (email === undefined || (email !== '' && (email.length > 254 || !EMAIL.test(email)))) errors.push('invalidEmail');
  const telephone = optionalText(body.telephone)?.replace(/[\s/-]/g, '');
  if (telephone === undefined || (telephone !== '' && !/^\+?\d{7,15}$/.test(telephone)))
    errors.push('invalidTelephone');
  const texts = [optionalText(body.customTextfield), optionalText(body.customTextfield2)];
  if (texts.some((text) => text === undefined || text.length > MAX_NAME || CONTROL.test(text)))
    errors.push('invalidCustomTextfield');
  const ref = parseProcessRef(body, errors);
  return {
    ...ref,
    familyName,
    email: email!,
    telephone: telephone!,
    customTextfield: texts[0]!,
    customTextfield2: texts[1]!,
  };
}
