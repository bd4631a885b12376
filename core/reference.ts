import { randomInt } from 'node:crypto';

/**
 * Reference numbers residents read out on the phone or type at the desk:
 * "K7MR-4QXP-9". The alphabet leaves out characters that are easy to confuse
 * (0/O, 1/I/L) and U (avoids accidental words). The last character is a
 * Luhn mod N check character over the eight payload characters, which catches
 * every single wrong character and most swapped neighbours.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const N = REFERENCE_ALPHABET.length; // 30
const PAYLOAD_LENGTH = 8;
export const REFERENCE_PATTERN = new RegExp(
  `^[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]{4}-[${REFERENCE_ALPHABET}]$`,
);

function codePoint(char: string): number {
  const index = REFERENCE_ALPHABET.indexOf(char);
  if (index < 0) throw new RangeError('Character outside the reference alphabet');
  return index;
}

/** Luhn mod N: doubles every second value counting from the right, starting at `startFactor`. */
function luhnSum(chars: string, startFactor: 1 | 2): number {
  let factor = startFactor;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i -= 1) {
    const addend = factor * codePoint(chars[i]!);
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return sum;
}

export function referenceCheckChar(payload: string): string {
  return REFERENCE_ALPHABET[(N - (luhnSum(payload, 2) % N)) % N]!;
}

export function formatReference(payload: string): string {
  if (payload.length !== PAYLOAD_LENGTH) throw new RangeError('Reference payload must have 8 characters');
  return `${payload.slice(0, 4)}-${payload.slice(4)}-${referenceCheckChar(payload)}`;
}

/** Normalises typing variants (lower case, spaces, missing dashes) to the canonical form, or null. */
export function normalizeReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== PAYLOAD_LENGTH + 1) return null;
  const canonical = `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
  return isValidReference(canonical) ? canonical : null;
}

/** True for a well-formed reference whose check character matches. */
export function isValidReference(reference: string): boolean {
  if (!REFERENCE_PATTERN.test(reference)) return false;
  return luhnSum(reference.replace(/-/g, ''), 1) % N === 0;
}

export function randomReference(nextIndex: (max: number) => number = randomInt): string {
  let payload = '';
  for (let i = 0; i < PAYLOAD_LENGTH; i += 1) payload += REFERENCE_ALPHABET[nextIndex(N)]!;
  return formatReference(payload);
}

/** A fresh reference that `isTaken` does not know yet; retries on the (rare) collision. */
export function uniqueReference(isTaken: (reference: string) => boolean, generate = () => randomReference()): string {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const reference = generate();
    if (!isTaken(reference)) return reference;
  }
  throw new Error('Could not find a free reference number');
}
