import { LANGUAGES, OFFICES_NS, officeTextKey, type LanguageCode, type Office } from '../../contract';
import { DEFAULT_RECEIPT_TIME_ZONE, formatLongDate, formatTime } from './format';
import { officeBlocks } from './office-blocks';
import type { ReceiptDocument } from './receipt-model';
import { RECEIPT_NS, type ReceiptTextKey, type ReceiptTranslate } from './receipt-texts';

/**
 * A walk-in waiting number on paper (issue 16): the number framed, when it was drawn, the estimated waiting time
 * (or plainly that it is not known), the office and its entrance. The office's number, nothing of the resident.
 */
export interface WaitingRequest {
  /** Already the receipt language when it reaches the model (Arabic sessions get English). */
  language: LanguageCode;
  number: string;
  /** Epoch ms the number was drawn: the slip's time and the PDF's creation date. */
  takenAt: number;
  waitingMinutes: number | null;
}

export function waitingModel(
  office: Office,
  request: WaitingRequest,
  t: ReceiptTranslate,
  options: { timeZone?: string } = {},
): ReceiptDocument {
  const label = (key: ReceiptTextKey, values?: Record<string, string | number>) => t(`${RECEIPT_NS}:${key}`, values);
  const locale = label('format.locale');
  const timeZone = options.timeZone ?? DEFAULT_RECEIPT_TIME_ZONE;
  const taken = new Date(request.takenAt);
  const officeName = t(`${OFFICES_NS}:${officeTextKey(office.id, 'name')}`);
  const wait =
    request.waitingMinutes === null
      ? label('waiting.waitUnknown')
      : label('waiting.waitMinutes', { minutes: request.waitingMinutes });
  return {
    language: request.language,
    direction: LANGUAGES.find((entry) => entry.code === request.language)?.dir ?? 'ltr',
    documentTitle: label('waiting.documentTitle', { number: request.number }),
    createdAt: taken.toISOString(),
    issuer: label('document.issuer'),
    kind: label('waiting.kind'),
    serviceTitle: officeName,
    sentAt: {
      label: label('waiting.takenAt'),
      value: label('sentAt.value', {
        date: formatLongDate(taken, locale, timeZone),
        time: formatTime(taken, locale, timeZone),
      }),
    },
    reference: {
      label: label('waiting.numberLabel'),
      value: request.number,
      hint: label('waiting.numberHint'),
      qrAlt: label('waiting.qrAlt', { number: request.number }),
      qrCaption: label('reference.qrCaption'),
    },
    sections: [
      {
        heading: label('waiting.heading'),
        blocks: [
          {
            kind: 'fields',
            rows: [
              { label: label('waiting.wait'), value: wait },
              { label: label('booking.office'), value: officeName },
              { label: label('booking.entrance'), value: t(`${OFFICES_NS}:${officeTextKey(office.id, 'access')}`) },
            ],
          },
          { kind: 'paragraph', text: label('waiting.missed') },
        ],
      },
      { heading: label('sections.office'), blocks: officeBlocks(office, t) },
    ],
    footer: [label('footer.privacy')],
    pagination: { continues: label('pagination.continues'), continuation: label('waiting.kind') },
  };
}
