import { BOOKING_EMAIL_MAX, BOOKING_NAME_MAX, BOOKING_PHONE_MAX, type FieldError } from '../../contract';
import { cleanString } from '../validation/clean-input';
import type { Contact } from './appointment-client';

const PHONE = /^\+?[0-9][0-9 ()/-]{2,29}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A name, phone or e-mail as the booking takes it; a field error when not. */
export function cleanContact(input: {
  familyName: string;
  telephone?: string | undefined;
  email?: string | undefined;
}): { contact: Contact } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const field = (name: string, raw: string | undefined, max: number, required: boolean) => {
    if (raw === undefined) {
      if (required) errors.push({ field: name, code: 'required' });
      return undefined;
    }
    const cleaned = cleanString(raw, false);
    if (cleaned === null) errors.push({ field: name, code: 'invalid_characters' });
    else if (cleaned === '') {
      if (required) errors.push({ field: name, code: 'required' });
    } else if ([...cleaned].length > max) errors.push({ field: name, code: 'too_long', params: { max } });
    else return cleaned;
    return undefined;
  };
  const familyName = field('familyName', input.familyName, BOOKING_NAME_MAX, true);
  const telephone = field('telephone', input.telephone, BOOKING_PHONE_MAX, false);
  const email = field('email', input.email, BOOKING_EMAIL_MAX, false);
  if (telephone !== undefined && !PHONE.test(telephone)) errors.push({ field: 'telephone', code: 'invalid_format' });
  if (email !== undefined && !EMAIL.test(email)) errors.push({ field: 'email', code: 'invalid_email' });
  if (errors.length > 0 || familyName === undefined) return { errors };
  return { contact: { familyName, ...(telephone ? { telephone } : {}), ...(email ? { email } : {}) } };
}
