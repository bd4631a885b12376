import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../contract';
import { MAX_SPOKEN_TEXT, splitSentences } from '../../contract/speech';

/**
 * Every service text has a spoken form: its `<key>_spoken` variant where the
 * locale file has one, else the text shown. That form must be something the
 * synthesiser reads well: no markup, no abbreviations it spells out letter by
 * letter ("z. B." → "zet be"), no symbols it misreads ("m³" → "m drei").
 * Runs over every language in contract/languages.ts that a service has texts for.
 */

const servicesDir = join(import.meta.dirname, '../../resources/services');
const rendererLocales = join(import.meta.dirname, '../../renderer/locales');
const serviceIds = readdirSync(servicesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** What espeak-ng reads badly, with why; checked against each formatted spoken text. */
const BAD_FOR_SPEECH: [RegExp, string][] = [
  [/<\/?[a-z][^>]*>/i, 'markup'],
  [/[{}]/, 'an unformatted ICU placeholder'],
  [/[*_#|\\[\]^~`]/, 'a markdown or code character'],
  [/[²³]/, 'a superscript (say "Quadratmeter", "Kubikmeter")'],
  [/\b(z|u|d|o)\. ?[A-ZÄÖÜa-zäöü]\./, 'an abbreviation spelt out letter by letter ("z. B.", "u. a.")'],
  [/\b(Nr|Str|bzw|ca|ggf|inkl|evtl|usw|Tel|geb|Hs|No|approx|incl|etc)\./, 'an abbreviation'],
  [/\b(Mo|Di|Mi|Do|Fr|Sa|So|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b\s*[–-]/, 'a weekday abbreviation'],
  [/\d:\d\d\s*[–-]\s*\d/, 'a time range ("8:30–12:00": say "8 Uhr 30 bis 12 Uhr")'],
  [/https?:|www\./, 'a web address'],
];

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [inner, text] of flatten(value, path)) out.set(inner, text);
  }
  return out;
}

/** Sample values for the placeholders of a message, so every branch has something to say. */
const SAMPLE = {
  ...{
    count: 3,
    seconds: 20,
    max: 100,
    min: 2,
    current: 2,
    total: 9,
    level: 3,
    number: 2,
    fee: '26,00 €',
    unit: '13,00 €',
    // A walk-in waiting number's estimated wait (walkIn.waitMinutes).
    minutes: 12,
  },
  ...{
    name: 'Stade',
    answer: 'Ja',
    label: 'Ort',
    title: 'Titel',
    field: 'Ort',
    page: 'Seite',
    service: 'Dienst',
    language: 'English',
    time: '10:30',
    date: 'Dienstag, 8. Dezember 2026',
    control: 'Weiter',
    code: 'JD54-HN3Q',
    // An opening interval ("8:30 bis 12:00") and a fee counted per piece.
    from: '8:30',
    to: '12:00',
    // A repeatable group's error line ("Person 2: …").
    item: 'Person 2',
    error: 'Geben Sie den Familiennamen ein',
    // The face chosen for "Wie war es?" (feedback.chosen).
    face: 'Gut',
  },
};

function problemsOf(text: string): string[] {
  return BAD_FOR_SPEECH.filter(([pattern]) => pattern.test(text)).map(([, why]) => why);
}

const present = LANGUAGES.map((language) => language.code as string);

describe.each(serviceIds)('spoken texts of %s', (id) => {
  const languages = present.filter((code) => existsSync(join(servicesDir, id, 'locales', `${code}.json`)));

  it.each(languages)('are non-empty and read well in %s', (lang) => {
    const texts = flatten(JSON.parse(readFileSync(join(servicesDir, id, 'locales', `${lang}.json`), 'utf8')) as Tree);
    const problems: string[] = [];
    for (const [key, text] of texts) {
      if (key.endsWith('_spoken')) {
        if (!texts.has(key.slice(0, -'_spoken'.length))) problems.push(`${key}: overrides no text`);
        continue;
      }
      if (key === 'keywords') continue; // search words, never spoken
      const spoken = new IntlMessageFormat(texts.get(`${key}_spoken`) ?? text, lang).format(SAMPLE) as string;
      if (spoken.trim() === '') problems.push(`${key}: empty spoken form`);
      for (const why of problemsOf(spoken)) problems.push(`${key}: ${why} in "${spoken}" (add ${key}_spoken)`);
      for (const sentence of splitSentences(spoken)) expect(sentence.length).toBeLessThanOrEqual(MAX_SPOKEN_TEXT);
    }
    expect(problems).toEqual([]);
  });
});

describe('spoken UI texts', () => {
  it.each(present.filter((code) => existsSync(join(rendererLocales, `${code}.json`))))('read well in %s', (lang) => {
    const texts = flatten(JSON.parse(readFileSync(join(rendererLocales, `${lang}.json`), 'utf8')) as Tree);
    const problems: string[] = [];
    for (const [key, text] of texts) {
      if (key.endsWith('_spoken') || key.startsWith('format.') || key.startsWith('app.')) continue;
      const spoken = new IntlMessageFormat(texts.get(`${key}_spoken`) ?? text, lang).format(SAMPLE) as string;
      for (const why of problemsOf(spoken)) problems.push(`${key}: ${why} in "${spoken}"`);
    }
    expect(problems).toEqual([]);
  });
});

describe('splitSentences', () => {
  it('splits after sentence ends, but not after a number or inside a time', () => {
    expect(splitSentences('Wie heißen Sie? Ihr Vorname. Am 24. Dezember um 8:30 Uhr.')).toEqual([
      'Wie heißen Sie?',
      'Ihr Vorname.',
      'Am 24. Dezember um 8:30 Uhr.',
    ]);
    expect(splitSentences('Eins\nZwei')).toEqual(['Eins', 'Zwei']);
    expect(splitSentences('  ')).toEqual([]);
  });

  it('cuts a sentence longer than the limit at a comma, else at a space', () => {
    const long = `${'Wort '.repeat(30)}und, ${'noch '.repeat(30)}Ende.`;
    const parts = splitSentences(long, 120);
    expect(parts.every((part) => part.length <= 120)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(long.trim().replace(/\s+/g, ' '));
  });
});
