import {
  LANGUAGES,
  OFFICES_NS,
  officeTextKey,
  selectParts,
  serviceNamespace,
  totalCents,
  type ApplicableParts,
  type DeskOpening,
  type LanguageCode,
  type Office,
  type ServiceDefinition,
} from '../../contract';
import { HandoverCode } from '../../contract/hub/terminal-protocol';
import { DEFAULT_RECEIPT_TIME_ZONE, formatLongDate, formatMoney, formatTime } from './format';
import { officeBlocks } from './office-blocks';
import type { ReceiptBlock, ReceiptDocument, ReceiptSection } from './receipt-model';
import { RECEIPT_NS, type ReceiptTextKey, type ReceiptTranslate } from './receipt-texts';

/**
 * A prepared visit's checklist (issue 15). Like the handover slip it holds catalog texts, which of them apply
 * (documents, fees by the answers) and the desk's code, never an answer: it may be left at the printer.
 */
export interface VisitRequest {
  serviceId: string;
  /** Already the receipt language when it reaches the model (Arabic sessions get English). */
  language: LanguageCode;
  parts: ApplicableParts;
  /** Epoch ms, the core's clock: the checklist's date and the PDF's creation date. */
  preparedAt: number;
  /** The desk's code, when the hub took the prepared answers. */
  code?: string | undefined;
  validUntil?: string | undefined;
  desk?: DeskOpening | undefined;
  /** The time booked at the kiosk (issue 16): epoch seconds and the booking code staff scan. */
  appointment?: { timestamp: number; code: string } | undefined;
  /** A booking moved at the kiosk: only the time, the office and the code (no answers, so no fees or desk code). */
  bookingOnly?: boolean | undefined;
}

export function visitModel(
  service: ServiceDefinition,
  office: Office,
  request: VisitRequest,
  t: ReceiptTranslate,
  options: { timeZone?: string } = {},
): ReceiptDocument {
  if (request.code !== undefined && !HandoverCode.safeParse(request.code).success) {
    throw new RangeError('Not a valid handover code');
  }
  const label = (key: ReceiptTextKey, values?: Record<string, string | number>) => t(`${RECEIPT_NS}:${key}`, values);
  const text = (key: string) => t(`${serviceNamespace(service.id)}:${key}`);
  const locale = label('format.locale');
  const timeZone = options.timeZone ?? DEFAULT_RECEIPT_TIME_ZONE;
  const prepared = new Date(request.preparedAt);
  const at = (date: Date) => ({
    date: formatLongDate(date, locale, timeZone),
    time: formatTime(date, locale, timeZone),
  });
  const serviceTitle = text(service.titleKey);
  const applies = selectParts(service, request.parts);
  const code = request.code;

  const inPerson: ReceiptBlock[] = [{ kind: 'paragraph', text: label('visit.inPersonText'), strong: true }];
  if (code) {
    if (request.validUntil) {
      inPerson.push({ kind: 'paragraph', text: label('handoverSlip.validUntil', at(new Date(request.validUntil))) });
    }
  } else {
    inPerson.push({ kind: 'paragraph', text: label('visit.noCode') });
  }
  const sections: ReceiptSection[] = [];
  const appointment = request.appointment;
  if (appointment) {
    const time = at(new Date(appointment.timestamp * 1000));
    const officeText = (name: 'name' | 'access') => t(`${OFFICES_NS}:${officeTextKey(office.id, name)}`);
    sections.push({
      heading: label('booking.heading'),
      blocks: [
        {
          kind: 'fields',
          rows: [
            { label: label('booking.date'), value: time.date },
            { label: label('booking.time'), value: time.time },
            { label: label('booking.office'), value: officeText('name') },
            { label: label('booking.entrance'), value: officeText('access') },
          ],
        },
      ],
    });
  }
  if (!request.bookingOnly) sections.push({ heading: label('visit.inPerson'), blocks: inPerson });
  if (applies.documentKeys.length > 0) {
    sections.push({
      heading: label('sections.documents'),
      blocks: [{ kind: 'list', items: applies.documentKeys.map(text) }],
    });
  }
  const money = (cents: number, currency: string) => formatMoney(cents, currency, locale);
  if (!request.bookingOnly)
    sections.push({
      heading: label('sections.fees'),
      blocks:
        applies.fees.length === 0
          ? [{ kind: 'paragraph', text: label('fees.none') }]
          : [
              {
                kind: 'amounts',
                rows: [
                  ...applies.fees.map((fee) => ({
                    label:
                      fee.count > 1
                        ? label('visit.feeCount', {
                            fee: text(fee.labelKey),
                            count: fee.count,
                            unit: money(fee.unitCents, fee.currency),
                          })
                        : text(fee.labelKey),
                    amount: money(fee.amountCents, fee.currency),
                  })),
                  { label: label('visit.total'), amount: money(totalCents(applies.fees), applies.fees[0]!.currency) },
                ],
              },
            ],
    });
  sections.push({ heading: label('sections.office'), blocks: officeBlocks(office, t) });
  if (applies.nextStepKeys.length > 0) {
    sections.push({
      heading: label('sections.next'),
      blocks: [{ kind: 'list', items: applies.nextStepKeys.map(text) }],
    });
  }

  return {
    language: request.language,
    direction: LANGUAGES.find((entry) => entry.code === request.language)?.dir ?? 'ltr',
    documentTitle: label('visit.documentTitle', { service: serviceTitle }),
    createdAt: prepared.toISOString(),
    issuer: label('document.issuer'),
    kind: label('visit.kind'),
    serviceTitle,
    sentAt: { label: label('visit.preparedAt'), value: label('sentAt.value', at(prepared)) },
    ...(code
      ? {
          reference: {
            label: label('visit.codeLabel'),
            value: code,
            hint: label('visit.codeHint'),
            qrAlt: label('handoverSlip.qrAlt', { code }),
            qrCaption: label('reference.qrCaption'),
          },
        }
      : {}),
    ...(appointment
      ? {
          booking: {
            label: label('booking.codeLabel'),
            value: appointment.code,
            hint: label('booking.codeHint'),
            qrAlt: label('booking.qrAlt', { code: appointment.code }),
            qrCaption: label('reference.qrCaption'),
          },
        }
      : {}),
    sections,
    footer: [label('footer.privacy')],
    pagination: { continues: label('pagination.continues'), continuation: label('visit.kind') },
  };
}
