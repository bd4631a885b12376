import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../contract';

/**
 * i18next-icu parses every service text as an ICU message. A stray brace or a
 * plural without `other` would only show up on the kiosk screen, so parse and
 * format each text here, in its own language.
 */

const servicesDir = join(import.meta.dirname, '../../resources/services');
const serviceIds = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

function texts(object: unknown, prefix = ''): [string, string][] {
  if (typeof object === 'string') return [[prefix, object]];
  if (typeof object !== 'object' || object === null) return [[prefix, String(object)]];
  return Object.entries(object).flatMap(([key, value]) => texts(value, prefix ? `${prefix}.${key}` : key));
}

describe.each(serviceIds)('texts of %s', (id) => {
  it.each(LANGUAGE_CODES)('are valid ICU messages in %s', (lang) => {
    const locale: unknown = JSON.parse(readFileSync(join(servicesDir, id, 'locales', `${lang}.json`), 'utf8'));
    const entries = texts(locale);
    expect(entries.length).toBeGreaterThan(20);
    for (const [key, text] of entries) {
      // count: plurals; number and max: a repeatable group's item label and limit ("Person {number}").
      const formatted = new IntlMessageFormat(text, lang).format({ count: 2, number: 2, max: 6 });
      expect(typeof formatted, key).toBe('string');
      // A message must not lose text to ICU quoting (an apostrophe before a brace swallows it).
      if (!/[{}]/.test(text)) expect(formatted, key).toBe(text);
    }
  });
});
