import type { CODE_ALPHABET } from '../../contract/hub/terminal-protocol';

/** The contract's alphabet (checked by the compiler): no 0/O, no 1/I/L. */
export const HANDOVER_ALPHABET: typeof CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_PATTERN = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;

/** Upper case, spaces and dashes removed, the dash put back after four characters. */
export function normalizeHandoverCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  return compact.length > 4 ? `${compact.slice(0, 4)}-${compact.slice(4)}` : compact;
}

export function isHandoverCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

/** Characters staff may have read wrongly from the kiosk: 0/O, 1/I/L are never in a code. */
export function hasAmbiguousCharacters(code: string): boolean {
  return [...code.replace('-', '')].some((char) => !HANDOVER_ALPHABET.includes(char));
}
