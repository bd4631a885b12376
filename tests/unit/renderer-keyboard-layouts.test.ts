import { describe, expect, it } from 'vitest';
import { buildLetterLayout, LAYOUT_IDS, layoutChoices, layoutForLanguage } from '../../renderer/keyboard/layouts';

describe('on-screen keyboard layouts', () => {
  it('keep every row short enough for 64 px keys on a 1080 px portrait screen', () => {
    for (const id of LAYOUT_IDS) {
      const layout = buildLetterLayout(id);
      for (const [index, row] of layout.rows.entries()) {
        // The fourth row also holds Shift and Delete, each one and a half keys wide.
        const width = row.length + (index === 3 ? 3 : 0);
        expect(width, `${id} row ${index}: ${row.join(' ')}`).toBeLessThanOrEqual(14);
        expect(row.length, `${id} row ${index}`).toBeGreaterThan(0);
      }
    }
  });

  it('have the national letters', () => {
    const letters = (id: (typeof LAYOUT_IDS)[number]) => new Set(buildLetterLayout(id).rows.flat());
    for (const key of ['ä', 'ö', 'ü', 'ß', 'z', 'y']) expect(letters('de').has(key), key).toBe(true);
    for (const key of ['ç', 'ğ', 'ı', 'i', 'ö', 'ş', 'ü']) expect(letters('tr').has(key), key).toBe(true);
    for (const key of ['ą', 'ć', 'ę', 'ł', 'ń', 'ó', 'ś', 'ź', 'ż']) expect(letters('pl').has(key), key).toBe(true);
    for (const key of ['й', 'ё', 'ы', 'э', 'ъ']) expect(letters('ru').has(key), key).toBe(true);
    for (const key of ['ї', 'і', 'є', 'ґ']) expect(letters('uk').has(key), key).toBe(true);
    for (const key of ['ض', 'ذ', 'ة', 'أ', 'إ', 'آ']) expect(letters('ar').has(key), key).toBe(true);
  });

  it('put capitals on Shift by the rules of the language', () => {
    const tr = buildLetterLayout('tr');
    const rowOf = (letter: string) => tr.rows.findIndex((row) => row.includes(letter));
    const i = rowOf('i');
    expect(tr.shiftRows![i]![tr.rows[i]!.indexOf('i')]).toBe('İ');
    const dotless = rowOf('ı');
    expect(tr.shiftRows![dotless]![tr.rows[dotless]!.indexOf('ı')]).toBe('I');
    const de = buildLetterLayout('de');
    expect(de.shiftRows!.flat()).toContain('Ü');
    expect(de.shiftRows!.flat()).toContain('ß');
    expect(buildLetterLayout('ar').shiftRows).toBeNull();
  });

  it('choose the layout by session language, with Latin letters for e-mail', () => {
    expect(layoutForLanguage('de-x-ls')).toBe('de');
    expect(layoutForLanguage('uk')).toBe('uk');
    expect(layoutChoices('de', 'letters')).toEqual(['de', 'en']);
    expect(layoutChoices('ru', 'letters')).toEqual(['ru', 'de']);
    expect(layoutChoices('ar', 'email')).toEqual(['en', 'de']);
    expect(layoutChoices('tr', 'email')).toEqual(['tr', 'de']);
    // Names and addresses (issue 13): Latin letters in every language, as in the identity card.
    expect(layoutChoices('ru', 'letters', true)).toEqual(['en', 'de']);
    expect(layoutChoices('uk', 'letters', true)).toEqual(['en', 'de']);
    expect(layoutChoices('ar', 'letters', true)).toEqual(['en', 'de']);
    expect(layoutChoices('pl', 'letters', true)).toEqual(['pl', 'de']);
    expect(layoutChoices('de', 'letters', true)).toEqual(['de', 'en']);
  });
});
