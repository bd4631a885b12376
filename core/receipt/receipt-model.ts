import {
  allParts,
  LANGUAGES,
  selectParts,
  serviceNamespace,
  type ApplicableParts,
  type LanguageCode,
  type Office,
  type ServiceDefinition,
} from '../../contract';
import { isValidReference } from '../reference';
import { officeBlocks } from './office-blocks';
import { DEFAULT_RECEIPT_TIME_ZONE, formatLongDate, formatMoney, formatTime, parseSubmittedAt } from './format';
import { RECEIPT_NS, type ReceiptTranslate } from './receipt-texts';

/**
 * What the confirmation provides. Deliberately nothing the resident typed:
 * a receipt may be left at the printer, so it holds only catalog texts and these.
 */
export interface ReceiptConfirmation {
  /** Canonical form, e.g. "K7MR-4QXP-9". */
  reference: string;
  /** ISO 8601, as in the session's confirmation position. */
  submittedAt: string;
  language: LanguageCode;
  /** Which fees, next steps and documents apply to the resident (decided at sending); default all. */
  parts?: ApplicableParts;
}

export type ReceiptBlock =
  | { kind: 'paragraph'; text: string; strong?: boolean }
  | { kind: 'list'; items: string[] }
  /** Fees: a label and an amount, the amount kept apart so it lines up. */
  | { kind: 'amounts'; rows: { label: string; amount: string }[] }
  /** Labelled facts such as opening hours. */
  | { kind: 'fields'; rows: { label: string; value: string }[] };

export interface ReceiptSection {
  heading: string;
  blocks: ReceiptBlock[];
}

/** Every text of one receipt, already in the session's language; both layouts draw this. */
export interface ReceiptModel {
  /** BCP 47 tag for the PDF's /Lang. */
  language: string;
  direction: 'ltr' | 'rtl';
  /** PDF document title (shown by viewers instead of the file name). */
  documentTitle: string;
  /** The PDF's creation date: the moment of sending, so the same receipt renders the same bytes. */
  createdAt: string;
  issuer: string;
  kind: string;
  serviceTitle: string;
  sentAt: { label: string; value: string };
  reference: { label: string; value: string; hint: string; qrAlt: string; qrCaption: string };
  sections: ReceiptSection[];
  footer: string[];
  /** Only printed when the receipt needs more than one A4 page. */
  pagination: { continues: string; continuation: string };
}

/** What both layouts draw: a receipt, or a prepared visit's checklist, whose desk code is absent without the hub. */
export type ReceiptDocument = Omit<ReceiptModel, 'reference'> & {
  reference?: ReceiptModel['reference'];
  /** A time booked at the kiosk (issue 16): its booking code, drawn like the reference with its QR code. */
  booking?: ReceiptModel['reference'];
};

export interface ReceiptModelOptions {
  /** Time zone for the time of sending; default Europe/Berlin. */
  timeZone?: string;
}

/**
 * Builds the receipt's texts from the service definition (the catalog's
 * `LoadedService.definition`), the confirmation and a translator fixed to
 * the session's language (`createReceiptTranslator`).
 */
export function receiptModel(
  service: ServiceDefinition,
  /** The service's office (resources/offices/), found by its officeId. */
  office: Office,
  confirmation: ReceiptConfirmation,
  t: ReceiptTranslate,
  options: ReceiptModelOptions = {},
): ReceiptModel {
  if (!isValidReference(confirmation.reference)) throw new RangeError('Not a valid reference number');
  const sentAt = parseSubmittedAt(confirmation.submittedAt);
  const timeZone = options.timeZone ?? DEFAULT_RECEIPT_TIME_ZONE;
  const label = (key: string, values?: Record<string, string | number>) => t(`${RECEIPT_NS}:${key}`, values);
  const ns = serviceNamespace(service.id);
  const text = (key: string) => t(`${ns}:${key}`);
  const locale = label('format.locale');
  const serviceTitle = text(service.titleKey);
  const reference = confirmation.reference;

  // Only what applies to this resident: the fee of their choice, the delivery they chose.
  const applies = selectParts(service, confirmation.parts ?? allParts(service));
  const sections: ReceiptSection[] = [
    { heading: label('sections.next'), blocks: [{ kind: 'list', items: applies.nextStepKeys.map(text) }] },
  ];
  if (applies.documentKeys.length > 0) {
    sections.push({
      heading: label('sections.documents'),
      blocks: [{ kind: 'list', items: applies.documentKeys.map(text) }],
    });
  }
  sections.push({
    heading: label('sections.fees'),
    blocks:
      applies.fees.length === 0
        ? [{ kind: 'paragraph', text: label('fees.none') }]
        : [
            {
              kind: 'amounts',
              rows: applies.fees.map((fee) => ({
                label: text(fee.labelKey),
                amount: formatMoney(fee.amountCents, fee.currency, locale),
              })),
            },
          ],
  });
  sections.push({ heading: label('sections.office'), blocks: officeBlocks(office, t) });

  return {
    language: confirmation.language,
    direction: LANGUAGES.find((entry) => entry.code === confirmation.language)?.dir ?? 'ltr',
    documentTitle: label('document.title', { reference, service: serviceTitle }),
    createdAt: sentAt.toISOString(),
    issuer: label('document.issuer'),
    kind: label('document.kind'),
    serviceTitle,
    sentAt: {
      label: label('sentAt.label'),
      value: label('sentAt.value', {
        date: formatLongDate(sentAt, locale, timeZone),
        time: formatTime(sentAt, locale, timeZone),
      }),
    },
    reference: {
      label: label('reference.label'),
      value: reference,
      hint: label('reference.hint'),
      qrAlt: label('reference.qrAlt', { reference }),
      qrCaption: label('reference.qrCaption'),
    },
    sections,
    footer: [label('footer.privacy')],
    pagination: {
      continues: label('pagination.continues'),
      continuation: label('pagination.continuation', { reference }),
    },
  };
}
