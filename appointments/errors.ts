import type { ZmsError } from '../contract/appointments';

/**
 * The reference server's error catalogue: the entries of zmscitizenapi's Utils/ErrorMessages.php that it
 * can answer, with their codes, messages, statuses and types unchanged (a client tells them apart by
 * errorCode). invalidCustomTextfield has the newer message of the recorded answers.
 */
const MESSAGES = {
  notFound: ['notFound', 'Endpoint not found.', 404, 'error'],
  invalidRequest: ['invalidRequest', 'Invalid request.', 400, 'warning'],
  requestMethodNotAllowed: ['requestMethodNotAllowed', 'Request method not allowed.', 405, 'warning'],
  invalidLocationAndServiceCombination: [
    'invalidLocationAndServiceCombination',
    'The provided service(s) do not exist at the given location.',
    400,
    'warning',
  ],
  invalidStartDate: ['invalidStartDate', 'startDate is required and must be a valid date.', 400, 'warning'],
  invalidEndDate: ['invalidEndDate', 'endDate is required and must be a valid date.', 400, 'warning'],
  invalidOfficeId: ['invalidOfficeId', 'officeId should be a 32-bit integer.', 400, 'warning'],
  invalidServiceId: ['invalidServiceId', 'serviceId should be a 32-bit integer.', 400, 'warning'],
  mismatchedArrays: ['MISMATCHED_ARRAYS', 'Service IDs and counts must have same length.', 400, 'warning'],
  invalidServiceCount: ['invalidServiceCount', 'serviceCounts should be an array of numeric values.', 400, 'warning'],
  invalidProcessId: ['invalidProcessId', 'processId should be a positive 32-bit integer.', 400, 'warning'],
  invalidAuthKey: ['invalidAuthKey', 'authKey should be a string.', 400, 'warning'],
  invalidTimestamp: [
    'invalidTimestamp',
    'Missing timestamp or invalid timestamp format. It should be a positive numeric value.',
    400,
    'warning',
  ],
  invalidFamilyName: ['invalidFamilyName', 'familyName should be a non-empty string.', 400, 'warning'],
  invalidEmail: ['invalidEmail', 'email should be a valid email address.', 400, 'warning'],
  invalidTelephone: [
    'invalidTelephone',
    'telephone should be a numeric string between 7 and 15 digits.',
    400,
    'warning',
  ],
  invalidCustomTextfield: [
    'invalidCustomTextfield',
    'customTextfield must be non-empty when required and at most 250 characters after normalization.',
    400,
    'warning',
  ],
  appointmentCanNotBeCanceled: [
    'appointmentCanNotBeCanceled',
    'The selected appointment cannot be canceled.',
    406,
    'warning',
  ],
  appointmentNotAvailable: [
    'appointmentNotAvailable',
    'The selected appointment is unfortunately no longer available.',
    404,
    'error',
  ],
  tooManyServicesPerAppointment: [
    'tooManyServicesPerAppointment',
    'The quantity of a service exceeds the maximum allowed quantity.',
    400,
    'error',
  ],
  internalError: ['internalError', 'An internal error occurred. Please try again later.', 500, 'error'],
  serviceUnavailable: [
    'serviceUnavailable',
    'Service Unavailable: The application is under maintenance.',
    503,
    'error',
  ],
  processNotReservedAnymore: ['processNotReservedAnymore', 'The appointment is no longer reserved.', 409, 'error'],
  processNotPreconfirmedAnymore: [
    'processNotPreconfirmedAnymore',
    'The appointment is no longer preconfirmed.',
    409,
    'error',
  ],
  appointmentNotFound: [
    'appointmentNotFound',
    'Maybe you have already canceled your appointment? Otherwise, please check that you have used the correct link.',
    404,
    'error',
  ],
  authKeyMismatch: ['authKeyMismatch', 'Invalid authentication key.', 406, 'warning'],
  preconfirmationExpired: [
    'preconfirmationExpired',
    'Unfortunately, the time for activating your appointment has expired. Please schedule the appointment again.',
    400,
    'error',
  ],
  rateLimitExceeded: ['rateLimitExceeded', 'Rate limit exceeded. Please try again later.', 429, 'warning'],
  requestEntityTooLarge: ['requestEntityTooLarge', 'Request entity too large.', 413, 'warning'],
} as const satisfies Record<string, readonly [string, string, number, string]>;

export type ErrorKey = keyof typeof MESSAGES;

export function zmsError(key: ErrorKey): ZmsError {
  const [errorCode, errorMessage, statusCode, errorType] = MESSAGES[key];
  return { errorCode, errorMessage, statusCode, errorType };
}

/** A failure a handler throws; the server answers it as `{"errors":[...]}`. */
export class ZmsFailure extends Error {
  readonly errors: ZmsError[];
  constructor(keys: ErrorKey | ErrorKey[]) {
    const list = (Array.isArray(keys) ? keys : [keys]).map(zmsError);
    super(list.map((error) => error.errorCode).join(', '));
    this.errors = list;
  }

  /** As ErrorMessages::getHighestStatusCode. */
  get status(): number {
    return Math.max(...this.errors.map((error) => error.statusCode));
  }
}
