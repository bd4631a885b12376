/**
 * DCAT-AP.de 2.0 metadata (JSON-LD) for the usage figures (issue 18): one catalogue, one dataset, a distribution
 * per CSV file. Checked in tests/unit/open-data-dcat.test.ts against GovData's SHACL shapes (../shared/dcat-ap-de).
 */

export interface OpenDataSettings {
  /** dcatde:contributorID: GovData's IRI for whoever delivers the metadata (the dcat-ap.de contributors list). */
  contributorId?: string;
  publisherName?: string;
  publisherHomepage?: string;
  /** The contact point's name and e-mail address (an office's, never a person's). */
  contactName?: string;
  contactEmail?: string;
}

export const OPEN_DATA_DEFAULTS: Required<OpenDataSettings> = {
  contributorId: 'http://dcat-ap.de/def/contributors/landNiedersachsen',
  publisherName: 'Hansestadt Stade',
  publisherHomepage: 'https://www.stade.de/',
  contactName: 'Hansestadt Stade, Bürgerservice',
  contactEmail: 'buergerservice@stade.de',
};

/** Hansestadt Stade's municipality key (Amtlicher Regionalschlüssel 033590038038). */
export const STADE_GEOCODING = 'http://dcat-ap.de/def/politicalGeocoding/regionalKey/033590038038';
const MUNICIPALITY_LEVEL = 'http://dcat-ap.de/def/politicalGeocoding/Level/municipality';
export const LICENCE = 'http://dcat-ap.de/def/licenses/dl-zero-de/2.0';
const CSV_FORMAT = 'http://publications.europa.eu/resource/authority/file-type/CSV';
const GOVERNMENT_THEME = 'http://publications.europa.eu/resource/authority/data-theme/GOVE';

export const OPEN_DATA_PREFIX = '/open-data';
export const CATALOG_PATH = `${OPEN_DATA_PREFIX}/catalog.jsonld`;
export const MONTHLY_CSV_PATH = `${OPEN_DATA_PREFIX}/usage-monthly.csv`;
export const dailyCsvPath = (month: string) => `${OPEN_DATA_PREFIX}/usage-daily-${month}.csv`;
/** The page for residents and council (console/dashboard/, served with the console's files). */
export const DASHBOARD_PAGE_PATH = '/dashboard/';

const CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatde: 'http://dcat-ap.de/def/dcatde/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
};

export interface CatalogInput {
  origin: string;
  settings: OpenDataSettings;
  /** The months with data, oldest first (one daily file each). */
  months: readonly string[];
  /** The first and last day with data; null when there is none yet. */
  coverage: { from: string; to: string } | null;
  /** When the figures last changed, and when the hub first published them (ISO date-times). */
  modified: string;
  issued: string;
}

const dateTime = (value: string) => ({ '@value': value, '@type': 'xsd:dateTime' });
const date = (value: string) => ({ '@value': value, '@type': 'xsd:date' });
const de = (value: string) => ({ '@value': value, '@language': 'de' });
const en = (value: string) => ({ '@value': value, '@language': 'en' });

export function buildCatalog(input: CatalogInput): Record<string, unknown> {
  const settings = { ...OPEN_DATA_DEFAULTS, ...input.settings };
  const base = `${input.origin}${CATALOG_PATH}`;
  const publisher = {
    '@id': `${base}#publisher`,
    '@type': 'foaf:Organization',
    'foaf:name': settings.publisherName,
    'foaf:homepage': { '@id': settings.publisherHomepage },
  };
  const distribution = (id: string, path: string, title: string, description: string) => ({
    '@id': `${base}#${id}`,
    '@type': 'dcat:Distribution',
    'dct:title': de(title),
    'dct:description': de(description),
    'dcat:accessURL': { '@id': `${input.origin}${path}` },
    'dcat:downloadURL': { '@id': `${input.origin}${path}` },
    'dct:format': { '@id': CSV_FORMAT },
    'dcat:mediaType': { '@id': 'http://www.iana.org/assignments/media-types/text/csv' },
    'dct:license': { '@id': LICENCE },
    'dcatde:licenseAttributionByText': settings.publisherName,
    'dct:issued': dateTime(input.issued),
    'dct:modified': dateTime(input.modified),
  });
  const distributions = [
    distribution(
      'monthly',
      MONTHLY_CSV_PATH,
      'Nutzung der Bürgerkioske je Monat',
      'Sitzungen, Leistungen (nach LeiKa-Schlüssel), Sprachen, Hilfe und Rückmeldungen je Monat und Standort; Werte unter 5 als "<5".',
    ),
    ...input.months.map((month) =>
      distribution(
        `daily-${month}`,
        dailyCsvPath(month),
        `Nutzung der Bürgerkioske je Tag, ${month}`,
        `Dieselben Zahlen je Tag und Standort für ${month}; Werte unter 5 als "<5".`,
      ),
    ),
  ];
  const dataset: Record<string, unknown> = {
    '@id': `${base}#usage`,
    '@type': 'dcat:Dataset',
    'dct:identifier': `${base}#usage`,
    'dct:title': [de('Nutzung der Bürgerkioske der Hansestadt Stade'), en('Use of the town kiosks of Stade')],
    'dct:description': [
      de(
        'Anonyme Zählungen der Bürgerkioske: wie oft welche Leistung begonnen und abgeschlossen wurde, wo abgebrochen wurde, welche Sprachen, Hilfe und Einstellungen genutzt wurden. Keine Antworten, kein Freitext, keine Sitzungskennung.',
      ),
      en('Anonymous counts of the town kiosks: services started and completed, where people gave up, languages, help.'),
    ],
    'dcat:keyword': [de('Bürgerkiosk'), de('Verwaltungsdigitalisierung'), de('Nutzungsstatistik')],
    'dcat:theme': { '@id': GOVERNMENT_THEME },
    'dcat:landingPage': { '@id': `${input.origin}${DASHBOARD_PAGE_PATH}` },
    'dct:publisher': publisher,
    'dcat:contactPoint': {
      '@id': `${base}#contact`,
      '@type': 'vcard:Organization',
      'vcard:fn': settings.contactName,
      'vcard:hasEmail': { '@id': `mailto:${settings.contactEmail}` },
    },
    'dcatde:contributorID': { '@id': settings.contributorId },
    'dcatde:politicalGeocodingURI': { '@id': STADE_GEOCODING },
    'dcatde:politicalGeocodingLevelURI': { '@id': MUNICIPALITY_LEVEL },
    'dct:issued': dateTime(input.issued),
    'dct:modified': dateTime(input.modified),
    'dcat:distribution': distributions,
  };
  if (input.coverage)
    dataset['dct:temporal'] = {
      '@id': `${base}#coverage`,
      '@type': 'dct:PeriodOfTime',
      'dcat:startDate': date(input.coverage.from),
      'dcat:endDate': date(input.coverage.to),
    };
  return {
    '@context': CONTEXT,
    '@id': `${base}#catalog`,
    '@type': 'dcat:Catalog',
    'dct:title': de('Offene Daten der Bürgerkioske, Hansestadt Stade'),
    'dct:description': de('Die anonymen Nutzungszahlen der Bürgerkioske als offene Daten.'),
    'dct:publisher': publisher,
    'foaf:homepage': { '@id': `${input.origin}${DASHBOARD_PAGE_PATH}` },
    'dct:issued': dateTime(input.issued),
    'dct:modified': dateTime(input.modified),
    'dcat:dataset': dataset,
  };
}
