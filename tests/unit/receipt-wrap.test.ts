import { describe, expect, it } from 'vitest';
import { wrapText } from '../../core/receipt/wrap-text';

/** One unit a character, so widths are character counts. */
const chars = (line: string) => [...line].length;

describe('wrapText', () => {
  it('fills lines greedily at spaces and never exceeds the width', () => {
    const lines = wrapText('Der Bürgerservice prüft Ihren Antrag mit den Daten im Melderegister.', 20, chars);
    expect(lines).toEqual(['Der Bürgerservice', 'prüft Ihren Antrag', 'mit den Daten im', 'Melderegister.']);
    for (const line of lines) expect(chars(line)).toBeLessThanOrEqual(20);
  });

  it('keeps a word whole when it fits on the next line', () => {
    expect(wrapText('im Bürgerservicebüro', 12, chars)).toEqual(['im', 'Bürgerservi-', 'cebüro']);
    expect(wrapText('im Bürgerservicebüro', 17, chars)).toEqual(['im', 'Bürgerservicebüro']);
  });

  it('breaks a long compound at a soft hyphen, showing a hyphen only there', () => {
    const word = 'Bürger\u00adservice\u00adbüro';
    expect(wrapText(word, 17, chars)).toEqual(['Bürgerservicebüro']);
    expect(wrapText(word, 15, chars)).toEqual(['Bürgerservice-', 'büro']);
    expect(wrapText(word, 8, chars)).toEqual(['Bürger-', 'service-', 'büro']);
  });

  it('breaks after a hyphen, dash or slash inside a word, not before a leading one', () => {
    expect(wrapText('Verwaltungs-Anbau', 12, chars)).toEqual(['Verwaltungs-', 'Anbau']);
    expect(wrapText('14:00–18:00', 6, chars)).toEqual(['14:00–', '18:00']);
    expect(wrapText('Abfall/Wertstoffe', 8, chars)).toEqual(['Abfall/', 'Wertsto-', 'ffe']);
    expect(wrapText('-5 Grad', 3, chars)).toEqual(['-5', 'Gr-', 'ad']);
  });

  it('as a last resort breaks between letters with a hyphen, never leaving one letter alone', () => {
    const word = 'Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung';
    const lines = wrapText(word, 10, chars);
    for (const line of lines) expect(chars(line)).toBeLessThanOrEqual(10);
    expect(lines.map((line) => line.replace(/-$/, '')).join('')).toBe(word);
    expect(lines.every((line) => chars(line.replace(/-$/, '')) >= 2)).toBe(true);
  });

  it('keeps non-breaking spaces (5,00 €) together and honours newlines', () => {
    expect(wrapText('Gebühr 10,00\u00a0€', 9, chars)).toEqual(['Gebühr', '10,00\u00a0€']);
    expect(wrapText('eins\nzwei drei', 20, chars)).toEqual(['eins', 'zwei drei']);
    expect(wrapText('', 20, chars)).toEqual(['']);
  });
});
