import { describe, expect, it } from 'vitest';
import { isolateNumbers, isRightToLeft, withoutIsolates } from '../../renderer/i18n/bidi';
import { createI18n } from '../../renderer/i18n/setup';

/** Grouped numbers in right-to-left texts are set apart as left-to-right runs (the rendering: tests/e2e/bidi-numbers.spec.ts). */
describe('bidi isolation of numbers', () => {
  it('isolates phone numbers, dates and times, but not single numbers or words', () => {
    expect(isolateNumbers('مثلاً 04141 123456 أو 0170 1234567')).toBe(
      'مثلاً \u206604141 123456\u2069 أو \u20660170 1234567\u2069',
    );
    expect(isolateNumbers('24.12.1980, +49 4141 12-0, 8:30')).toBe(
      '\u206624.12.1980\u2069, \u2066+49 4141 12-0\u2069, \u20668:30\u2069',
    );
    expect(isolateNumbers('الخطوة 3 من 9.')).toBe('الخطوة 3 من 9.');
    expect(withoutIsolates(isolateNumbers('مثلاً 04141 123456'))).toBe('مثلاً 04141 123456');
  });

  it('applies to Arabic only, through the renderer’s i18next', () => {
    expect(isRightToLeft('ar')).toBe(true);
    expect(isRightToLeft('de')).toBe(false);
    const i18n = createI18n();
    i18n.addResourceBundle('ar', 'common', { sample: 'مثلاً {number}' });
    i18n.addResourceBundle('de', 'common', { sample: 'Zum Beispiel {number}' });
    expect(i18n.t('sample', { lng: 'ar', number: '04141 123456' })).toBe('مثلاً \u206604141 123456\u2069');
    expect(i18n.t('sample', { lng: 'de', number: '04141 123456' })).toBe('Zum Beispiel 04141 123456');
  });
});
