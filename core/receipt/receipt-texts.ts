import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import ICU from 'i18next-icu';
import {
  DEFAULT_LANGUAGE,
  OFFICES_NS,
  RECEIPT_LANGUAGE_CODES,
  serviceNamespace,
  type LanguageCode,
} from '../../contract';

/** The i18next namespace of the receipt's own labels (resources/receipt/locales/<lang>.json). */
export const RECEIPT_NS = 'receipt';

/** Every receipt label the model builder uses; a test checks each exists in every language. */
export const RECEIPT_TEXT_KEYS = [
  'format.locale',
  'document.title',
  'document.issuer',
  'document.kind',
  'sentAt.label',
  'sentAt.value',
  'reference.label',
  'reference.hint',
  'reference.qrAlt',
  'reference.qrCaption',
  'sections.next',
  'sections.documents',
  'sections.fees',
  'sections.office',
  'fees.none',
  'office.openingHours',
  'office.access',
  'office.phone',
  'office.email',
  'footer.privacy',
  'pagination.continues',
  'pagination.continuation',
  // The handover slip (slip-model.ts) shares the receipt's texts, fonts and paper.
  'handoverSlip.documentTitle',
  'handoverSlip.title',
  'handoverSlip.service',
  'handoverSlip.codeLabel',
  'handoverSlip.qrAlt',
  'handoverSlip.instruction',
  'handoverSlip.issuedAt',
  // Until when the code is good and when the desk is open next (issue 14).
  'handoverSlip.validUntil',
  'handoverSlip.deskOpenNow',
  'handoverSlip.deskOpensAt',
  'handoverSlip.office',
  'handoverSlip.footer',
  // A prepared visit's checklist (visit-model.ts, issue 15).
  'visit.documentTitle',
  'visit.kind',
  'visit.preparedAt',
  'visit.codeLabel',
  'visit.codeHint',
  'visit.inPerson',
  'visit.inPersonText',
  'visit.noCode',
  'visit.feeCount',
  'visit.total',
  // The booked time on a prepared visit's checklist (visit-model.ts, issue 16).
  'booking.heading',
  'booking.date',
  'booking.time',
  'booking.office',
  'booking.entrance',
  'booking.codeLabel',
  'booking.codeHint',
  'booking.qrAlt',
  // A walk-in waiting number (waiting-model.ts, issue 16).
  'waiting.documentTitle',
  'waiting.kind',
  'waiting.takenAt',
  'waiting.numberLabel',
  'waiting.numberHint',
  'waiting.qrAlt',
  'waiting.heading',
  'waiting.wait',
  'waiting.waitMinutes',
  'waiting.waitUnknown',
  'waiting.missed',
] as const;
export type ReceiptTextKey = (typeof RECEIPT_TEXT_KEYS)[number];

/** language → nested locale object of the receipt namespace. */
export type ReceiptTexts = Record<string, Record<string, unknown>>;

/** language → namespace `svc-<id>` (and `offices`) → locale object, as the catalog loader provides it. */
export type ServiceTranslations = Record<string, Record<string, Record<string, unknown>>>;

/**
 * Looks up one text: `t('receipt:sentAt.label')`, `t('svc-sperrmuell:office.name', { … })`.
 * Throws on a key that exists in no language, so a receipt never shows a raw key.
 */
export type ReceiptTranslate = (key: string, values?: Record<string, string | number>) => string;

export function receiptLocalesDir(resourcesDir: string): string {
  return join(resourcesDir, 'receipt', 'locales');
}

/** Reads resources/receipt/locales/<lang>.json for every language a receipt is printed in. */
export function loadReceiptTexts(
  resourcesDir: string,
  languages: readonly string[] = RECEIPT_LANGUAGE_CODES,
): ReceiptTexts {
  const texts: ReceiptTexts = {};
  for (const language of languages) {
    const file = join(receiptLocalesDir(resourcesDir), `${language}.json`);
    if (!existsSync(file)) throw new Error(`Receipt texts are missing: receipt/locales/${language}.json`);
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`Receipt texts are not an object: receipt/locales/${language}.json`);
    }
    texts[language] = parsed as Record<string, unknown>;
  }
  return texts;
}

/**
 * An i18next translator fixed to one language, holding the receipt labels and
 * the one service's texts. ICU syntax as in the renderer, German as fallback
 * like the screens (tests keep every language complete).
 */
export function createReceiptTranslator(
  texts: ReceiptTexts,
  serviceTranslations: ServiceTranslations,
  serviceId: string,
  language: LanguageCode,
): ReceiptTranslate {
  const namespace = serviceNamespace(serviceId);
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const code of new Set([language, DEFAULT_LANGUAGE])) {
    resources[code] = {
      [RECEIPT_NS]: texts[code] ?? {},
      [namespace]: serviceTranslations[code]?.[namespace] ?? {},
      // The offices' names, addresses and ways in (resources/offices/), shared by every service.
      [OFFICES_NS]: serviceTranslations[code]?.[OFFICES_NS] ?? {},
    };
  }
  const instance = i18next.createInstance();
  void instance.use(ICU).init({
    resources,
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    ns: [RECEIPT_NS, namespace, OFFICES_NS],
    defaultNS: RECEIPT_NS,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return (key, values) => {
    if (!instance.exists(key)) throw new Error(`Receipt text "${key}" is missing`);
    return instance.t(key, values);
  };
}
