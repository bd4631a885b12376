import { dictionary } from '@zxcvbn-ts/language-common';
import { MIN_PASSWORD_LENGTH, type PasswordProblem } from '../contract/hub';

export const MAX_PASSWORD_LENGTH = 200;

let common: ReadonlySet<string> | undefined;
/**
 * zxcvbn-ts's list of common and breached passwords (about 49,000, from leaked password sets), lower-cased.
 * Loaded on first use: it is the largest thing the hub holds in memory at start.
 */
function commonPasswords(): ReadonlySet<string> {
  return (common ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase())));
}

/**
 * A common password with digits or symbols around it ("Sommer2024!", "passwort123456"): what is left once they
 * are stripped. NIST SP 800-63B asks to refuse "dictionary words" and "context-specific words", not only the list
 * entries themselves; at least 12 characters, few list entries are that long.
 */
function core(password: string): string {
  return password.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
}

/** One character or a run like "abcabcabc…" / "111111111111": refused like a list entry. */
function repetitive(password: string): boolean {
  for (let size = 1; size <= 4; size += 1) {
    const unit = password.slice(0, size);
    if (unit.repeat(Math.ceil(password.length / size)).slice(0, password.length) === password) return true;
  }
  return false;
}

/**
 * Why a new staff password is refused, or null (NIST SP 800-63B §5.1.1.2): at least 12 characters, not a
 * common or breached password (also not one with only digits or symbols around it), not the username or
 * containing it (case-insensitive). No composition rules: length and the list are what the standard asks.
 */
export function passwordProblem(password: string, username: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase())) return 'contains_username';
  const list = commonPasswords();
  const stripped = core(lower);
  if (list.has(lower) || (stripped.length >= 4 && list.has(stripped)) || repetitive(lower)) return 'common';
  return null;
}
