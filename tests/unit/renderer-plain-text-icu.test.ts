import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES } from '../../contract';
import { hasIcuSyntax } from '../../renderer/i18n/plain-text-icu';
import { createI18n } from '../../renderer/i18n/setup';

const root = join(import.meta.dirname, '../..');
type Tree = { [key: string]: string | Tree };

function texts(tree: Tree): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : texts(value)));
}

function readTree(file: string): Tree {
  return JSON.parse(readFileSync(file, 'utf8')) as Tree;
}

/** Every text the kiosk's renderer shows: its own locales and every service's, in every language. */
function allTexts(): { language: string; text: string }[] {
  const out: { language: string; text: string }[] = [];
  for (const language of LANGUAGE_CODES) {
    for (const text of texts(readTree(join(root, 'renderer/locales', `${language}.json`))))
      out.push({ language, text });
  }
  const servicesDir = join(root, 'resources/services');
  for (const service of readdirSync(servicesDir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? [e.name] : [],
  )) {
    for (const file of readdirSync(join(servicesDir, service, 'locales'))) {
      const language = file.replace(/\.json$/, '');
      for (const text of texts(readTree(join(servicesDir, service, 'locales', file)))) out.push({ language, text });
    }
  }
  return out;
}

describe('renderer i18n: plain texts skip the ICU parser', () => {
  const all = allTexts();

  it('formats every text without ICU syntax to itself, as the ICU parser would', () => {
    const plain = all.filter(({ text }) => !hasIcuSyntax(text));
    // Most texts are plain; a handful carry arguments or plurals.
    expect(plain.length).toBeGreaterThan(all.length / 2);
    for (const { language, text } of plain) {
      const formatted = new IntlMessageFormat(text, language, undefined, { ignoreTag: true }).format();
      expect(formatted, `${language}: ${text}`).toBe(text);
    }
  });

  it('still formats arguments and plurals through ICU', () => {
    const i18n = createI18n();
    expect(i18n.t('field.charsLeft', { count: 1 })).toBe('Noch 1 Zeichen übrig');
    expect(i18n.t('field.charsLeft', { count: 12 })).toBe('Noch 12 Zeichen übrig');
    expect(i18n.t('start.title')).toBe('Willkommen im Bürgerservice');
  });

  it('treats quotes and braces as ICU syntax', () => {
    expect(hasIcuSyntax("'{name}'")).toBe(true);
    expect(hasIcuSyntax('{count, plural, one {#} other {#}}')).toBe(true);
    expect(hasIcuSyntax('Tippen Sie auf „Vorlesen“.')).toBe(false);
  });
});
