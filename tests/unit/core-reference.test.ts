import { describe, expect, it } from 'vitest';
import {
  REFERENCE_ALPHABET,
  formatReference,
  isValidReference,
  normalizeReference,
  randomReference,
  referenceCheckChar,
  uniqueReference,
} from '../../core/reference';

describe('reference numbers', () => {
  it('uses an alphabet without look-alikes', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(30);
    for (const char of '01OILU') expect(REFERENCE_ALPHABET).not.toContain(char);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(30);
  });

  it('formats XXXX-XXXX-C and validates its own output', () => {
    for (let i = 0; i < 500; i += 1) {
      const reference = randomReference();
      expect(reference).toMatch(/^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]$/);
      expect(isValidReference(reference)).toBe(true);
    }
  });

  it('computes the Luhn mod 30 check character', () => {
    // Payload of the first alphabet character only: every value is 0, so the check is too.
    expect(referenceCheckChar('22222222')).toBe('2');
    // "3" (value 1) in the right-most place is doubled: sum 2 → check (30 − 2) = value 28 = "Y".
    expect(referenceCheckChar('22222223')).toBe(REFERENCE_ALPHABET[28]);
    expect(formatReference('K7MR4QXP')).toBe(`K7MR-4QXP-${referenceCheckChar('K7MR4QXP')}`);
  });

  it('detects every single wrong character and every swap of two different neighbours', () => {
    const reference = formatReference('K7MR4QXP');
    const chars = reference.replace(/-/g, '').split('');
    const withDashes = (c: string[]) => `${c.slice(0, 4).join('')}-${c.slice(4, 8).join('')}-${c[8]}`;
    for (let i = 0; i < chars.length; i += 1) {
      for (const replacement of REFERENCE_ALPHABET) {
        if (replacement === chars[i]) continue;
        const typo = [...chars];
        typo[i] = replacement;
        expect(isValidReference(withDashes(typo))).toBe(false);
      }
    }
    for (let i = 0; i < 7; i += 1) {
      if (chars[i] === chars[i + 1]) continue;
      const swapped = [...chars];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
      expect(isValidReference(withDashes(swapped))).toBe(false);
    }
  });

  it('rejects malformed input and normalises typing variants', () => {
    const reference = formatReference('K7MR4QXP');
    expect(isValidReference(reference.toLowerCase())).toBe(false);
    expect(isValidReference(reference.replace(/-/g, ''))).toBe(false);
    expect(isValidReference('K0MR-4QXP-2')).toBe(false);
    expect(isValidReference('')).toBe(false);
    expect(normalizeReference(` ${reference.toLowerCase().replace(/-/g, ' ')} `)).toBe(reference);
    expect(normalizeReference('K7MR4QXPZZ')).toBeNull();
  });

  it('retries on collision', () => {
    const taken = new Set(['AAAA-AAAA-A']);
    const candidates = ['AAAA-AAAA-A', 'BBBB-BBBB-B'];
    expect(
      uniqueReference(
        (r) => taken.has(r),
        () => candidates.shift()!,
      ),
    ).toBe('BBBB-BBBB-B');
    expect(() => uniqueReference(() => true)).toThrow(/free reference/);
  });
});
