import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_CODES, serviceNamespace, type LanguageCode } from '../../contract';
import { catalogViews } from '../../core/catalog/catalog-views';
import { lookupTextKey } from '../../core/catalog/json-pointer';
import { loadCatalog } from '../../core/catalog/load-catalog';
import type { Logger } from '../../core/types';
import { forgetSearch, rememberSearch, searchToReturnTo } from '../../renderer/finder/search-return';
import { searchDocuments, type ServiceText } from '../../renderer/finder/search-documents';
import { buildServiceSearch, normalizeTerm } from '../../renderer/finder/service-search';
import { FINDER_FIXTURE, type FixtureService } from './finder-fixture';

/**
 * The finder must find a service by the words residents use, in every language and with typos.
 * Each row: the session's language, what the resident types, the service that must come first.
 */
type Row = [language: keyof FixtureService, query: string, serviceId: string];
/** A word that fits two services equally ("Hund": register or deregister a dog): both must come first. */
type PairRow = [language: keyof FixtureService, query: string, first: string, second: string];

const PAIRS: PairRow[] = [
  ['de', 'Hund', 'hund-anmelden', 'hund-abmelden'],
  ['de', 'Hunt', 'hund-anmelden', 'hund-abmelden'],
  ['en', 'dog', 'hund-anmelden', 'hund-abmelden'],
  ['ru', 'собака', 'hund-anmelden', 'hund-abmelden'],
  ['ru', 'собак', 'hund-anmelden', 'hund-abmelden'],
  ['uk', 'собака', 'hund-anmelden', 'hund-abmelden'],
  ['pl', 'pies', 'hund-anmelden', 'hund-abmelden'],
  ['tr', 'köpek', 'hund-anmelden', 'hund-abmelden'],
  ['tr', 'kopek', 'hund-anmelden', 'hund-abmelden'],
  ['ar', 'كلب', 'hund-anmelden', 'hund-abmelden'],
  ['en', 'moving', 'wohnsitz-anmelden', 'abmeldung'],
];

const ROWS: Row[] = [
  // German: the words first, then every service at least once, then typos.
  ['de', 'Perso', 'personalausweis'],
  ['de', 'Pass', 'reisepass'],
  ['de', 'umziehen', 'wohnsitz-anmelden'],
  ['de', 'Müll', 'sperrmuell'],
  ['de', 'Sofa', 'sperrmuell'],
  ['de', 'Wahl', 'briefwahl'],
  ['de', 'Meldebescheinigung', 'meldebescheinigung'],
  ['de', 'Schlagloch', 'maengel-melden'],
  ['de', 'kaputt', 'maengel-melden'],
  ['de', 'abmelden Ausland', 'abmeldung'],
  ['de', 'Kinderreisepass', 'reisepass'],
  ['de', 'Führungszeugnis', 'fuehrungszeugnis'],
  ['de', 'Hund abmelden', 'hund-abmelden'],
  ['de', 'parken', 'bewohnerparkausweis'],
  ['de', 'Gewerbe', 'gewerbe-anmelden'],
  ['de', 'gefunden', 'fundsache-melden'],
  ['de', 'verloren', 'verlust-melden'],
  ['de', 'Rente', 'lebensbescheinigung'],
  ['de', 'Bücherei', 'bibliotheksausweis'],
  ['de', 'Beschwerde', 'anliegen'],
  // German typos and spellings without umlauts.
  ['de', 'Personalauswies', 'personalausweis'],
  ['de', 'Sperrmül', 'sperrmuell'],
  ['de', 'Mull', 'sperrmuell'],
  ['de', 'Reisepas', 'reisepass'],
  ['de', 'Briefwhal', 'briefwahl'],
  ['de', 'Fuhrungszeugnis', 'fuehrungszeugnis'],
  ['de', 'Bibliotek', 'bibliotheksausweis'],
  ['de', 'Lebensbeschienigung', 'lebensbescheinigung'],
  ['de', 'umzihen', 'wohnsitz-anmelden'],
  // Leichte Sprache.
  ['de-x-ls', 'Perso', 'personalausweis'],
  ['de-x-ls', 'Müll', 'sperrmuell'],
  ['de-x-ls', 'Bücher', 'bibliotheksausweis'],
  ['de-x-ls', 'Hund tot', 'hund-abmelden'],
  ['de-x-ls', 'kaput', 'maengel-melden'],
  // English.
  ['en', 'passport', 'reisepass'],
  ['en', 'ID card', 'personalausweis'],
  ['en', 'sofa', 'sperrmuell'],
  ['en', 'vote', 'briefwahl'],
  ['en', 'librery', 'bibliotheksausweis'],
  ['en', 'pothole', 'maengel-melden'],
  ['en', 'pension', 'lebensbescheinigung'],
  ['en', 'Perso', 'personalausweis'],
  // Turkish.
  ['tr', 'pasaport', 'reisepass'],
  ['tr', 'kimlik', 'personalausweis'],
  ['tr', 'taşınmak', 'wohnsitz-anmelden'],
  ['tr', 'kanepe', 'sperrmuell'],
  ['tr', 'seçim', 'briefwahl'],
  ['tr', 'kütüphane', 'bibliotheksausweis'],
  ['tr', 'Perso', 'personalausweis'],
  // Arabic (with and without vowel marks).
  ['ar', 'جواز سفر', 'reisepass'],
  ['ar', 'هوية', 'personalausweis'],
  ['ar', 'أريكة', 'sperrmuell'],
  ['ar', 'انتخابات', 'briefwahl'],
  ['ar', 'مكتبة', 'bibliotheksausweis'],
  ['ar', 'معاش', 'lebensbescheinigung'],
  ['ar', 'مَكتبة', 'bibliotheksausweis'],
  ['ar', 'Müll', 'sperrmuell'],
  // Russian.
  ['ru', 'загранпаспорт', 'reisepass'],
  ['ru', 'диван', 'sperrmuell'],
  ['ru', 'переезд', 'wohnsitz-anmelden'],
  ['ru', 'выборы', 'briefwahl'],
  ['ru', 'библиотека', 'bibliotheksausweis'],
  ['ru', 'библеотека', 'bibliotheksausweis'],
  // Ukrainian.
  ['uk', 'закордонний паспорт', 'reisepass'],
  ['uk', 'диван', 'sperrmuell'],
  ['uk', 'переїзд', 'wohnsitz-anmelden'],
  ['uk', 'вибори', 'briefwahl'],
  ['uk', 'бібліотека', 'bibliotheksausweis'],
  ['uk', 'пенсія', 'lebensbescheinigung'],
  // Polish.
  ['pl', 'paszport', 'reisepass'],
  ['pl', 'dowód', 'personalausweis'],
  ['pl', 'dowod', 'personalausweis'],
  ['pl', 'kanapa', 'sperrmuell'],
  ['pl', 'przeprowadzka', 'wohnsitz-anmelden'],
  ['pl', 'wybory', 'briefwahl'],
  ['pl', 'biblioteka', 'bibliotheksausweis'],
  ['pl', 'zguba', 'verlust-melden'],
];

/** Words that mean nothing the kiosk offers, in several scripts. */
const NO_MATCH: [keyof FixtureService, string][] = [
  ['de', 'Xylophon'],
  ['de', 'Zahnarzt'],
  ['en', 'zebra'],
  ['ar', 'طائرة'],
  ['ru', 'космос'],
  ['de', 'x'],
  ['de', '   '],
];

const fixtureText: ServiceText = (id, key, language) => {
  const texts = FINDER_FIXTURE[id]?.[language as keyof FixtureService];
  if (!texts) return undefined;
  return key === 'title' ? texts[0] : key === 'keywords' ? texts[1] : undefined;
};
const fixtureServices = Object.keys(FINDER_FIXTURE).map((id) => ({
  id,
  titleKey: 'title',
  keywordsKey: 'keywords',
}));

function fixtureSearch(language: string) {
  return buildServiceSearch(searchDocuments(fixtureServices, language, fixtureText));
}

describe('finder over the 18 services of issue 15 (fixture texts)', () => {
  it('has a row for every service, and rows in every language', () => {
    expect(new Set([...ROWS.map((row) => row[2]), ...PAIRS.flatMap((row) => [row[2], row[3]])])).toEqual(
      new Set(Object.keys(FINDER_FIXTURE)),
    );
    expect(new Set(ROWS.map((row) => row[0]))).toEqual(new Set(LANGUAGE_CODES));
  });

  it.each(ROWS)('%s: "%s" finds %s first', (language, query, serviceId) => {
    expect(fixtureSearch(language).find(query)[0]).toBe(serviceId);
  });

  it.each(NO_MATCH)('%s: "%s" finds nothing', (language, query) => {
    expect(fixtureSearch(language).find(query)).toEqual([]);
  });

  it.each(PAIRS)('%s: "%s" finds %s and %s first', (language, query, first, second) => {
    expect(fixtureSearch(language).find(query).slice(0, 2).sort()).toEqual([first, second].sort());
  });

  it('ignores case, accents, the sharp s and Arabic vowel marks', () => {
    expect(normalizeTerm('Straße')).toBe('strasse');
    expect(normalizeTerm('MÜLL')).toBe('mull');
    expect(normalizeTerm('مَكْتَبَة')).toBe('مكتبة');
  });
});

/**
 * The same rows over the shipped resources/services: every service of the table is shipped, and every row holds.
 * Indexed from what the renderer has: the summaries of catalog.get and the summary texts of catalog.translations.
 */
describe('finder over the shipped services', () => {
  const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const views = catalogViews(loadCatalog(join(import.meta.dirname, '../../resources'), () => '2026-12-07', quiet));
  const summaries = views.catalog().services;
  const shipped = new Set(summaries.map((service) => service.id));
  const rows = ROWS;
  const text: ServiceText = (id, key, language) => {
    const node = lookupTextKey(views.translations(language as LanguageCode)[serviceNamespace(id)], key);
    return typeof node === 'string' ? node : undefined;
  };
  const search = (language: string) => buildServiceSearch(searchDocuments(summaries, language, text));

  it('ships every service the table asks for, and the table asks for every shipped service', () => {
    const asked = new Set([...rows.map((row) => row[2]), ...PAIRS.flatMap((pair) => [pair[2], pair[3]])]);
    expect([...asked].filter((id) => !shipped.has(id))).toEqual([]);
    expect([...shipped].filter((id) => !asked.has(id))).toEqual([]);
  });

  it.each(rows)('%s: "%s" finds %s first', (language, query, serviceId) => {
    expect(search(language).find(query)[0]).toBe(serviceId);
  });

  it.each(NO_MATCH)('%s: "%s" finds nothing', (language, query) => {
    expect(search(language).find(query)).toEqual([]);
  });
});

describe('the search a resident comes back to (search-return.ts)', () => {
  it('gives the words back until forgotten, and never after the idle timeout', () => {
    forgetSearch();
    expect(searchToReturnTo(60_000, 1_000)).toBe('');
    rememberSearch('perso', 1_000);
    expect(searchToReturnTo(60_000, 30_000)).toBe('perso');
    // Older than the idle timeout: whoever stands there now did not type it.
    expect(searchToReturnTo(60_000, 61_001)).toBe('');
    forgetSearch();
    expect(searchToReturnTo(60_000, 2_000)).toBe('');
  });

  it('remembers no empty search', () => {
    rememberSearch('perso', 0);
    rememberSearch('  ', 0);
    expect(searchToReturnTo(60_000, 0)).toBe('');
  });
});
