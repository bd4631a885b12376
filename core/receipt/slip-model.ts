import {
  LANGUAGES,
  serviceNamespace,
  type DeskOpening,
  type LanguageCode,
  type Office,
  type ServiceDefinition,
} from '../../contract';
import { HandoverCode } from '../../contract/hub/terminal-protocol';
import { officeBlocks } from './office-blocks';
import { DEFAULT_RECEIPT_TIME_ZONE, formatLongDate, formatTime } from './format';
import type { ReceiptBlock, ReceiptModel } from './receipt-model';
import { RECEIPT_NS, type ReceiptTranslate } from './receipt-texts';

/** What the slip shows: the issued code and catalog texts of its service. Nothing the resident typed. */
export interface SlipRequest {
  code: string;
  serviceId: string;
  /** The slip's language (already the receipt language: Arabic sessions get English). */
  language: LanguageCode;
  /** When the code was issued (epoch ms): the slip's date and the PDF's creation date. */
  issuedAt: number;
  /** Until when the desk takes the code (ISO), if the hub said. */
  validUntil?: string | undefined;
  /** When the desk is open next, from its hours. */
  desk?: DeskOpening | undefined;
}

export interface SlipModel {
  language: string;
  direction: 'ltr' | 'rtl';
  documentTitle: string;
  createdAt: string;
  issuer: string;
  title: string;
  serviceLine: string;
  code: { label: string; value: string; qrAlt: string };
  instruction: string;
  issuedAt: string;
  /** "Der Code gilt bis …", "Der Schalter ist wieder geöffnet am …": what applies, in that order. */
  times: string[];
  office: { heading: string; blocks: ReceiptBlock[] };
  footer: string[];
  pagination: ReceiptModel['pagination'];
}

export function slipModel(
  service: ServiceDefinition,
  /** The help desk the slip sends the resident to: the `info` office (resources/offices/). */
  desk: Office,
  request: SlipRequest,
  t: ReceiptTranslate,
  options: { timeZone?: string } = {},
): SlipModel {
  if (!HandoverCode.safeParse(request.code).success) throw new RangeError('Not a valid handover code');
  const label = (key: string, values?: Record<string, string | number>) => t(`${RECEIPT_NS}:${key}`, values);
  const text = (key: string) => t(`${serviceNamespace(service.id)}:${key}`);
  const locale = label('format.locale');
  const timeZone = options.timeZone ?? DEFAULT_RECEIPT_TIME_ZONE;
  const issued = new Date(request.issuedAt);
  const serviceTitle = text(service.titleKey);
  // Where the resident is sent: the town's Bürgerservice desk, not the service's own office
  // (for Sperrmüll that is the Landkreis, in another building, where no one has the code).
  const code = request.code;
  return {
    language: request.language,
    direction: LANGUAGES.find((entry) => entry.code === request.language)?.dir ?? 'ltr',
    documentTitle: label('handoverSlip.documentTitle', { service: serviceTitle }),
    createdAt: issued.toISOString(),
    issuer: label('document.issuer'),
    title: label('handoverSlip.title'),
    serviceLine: label('handoverSlip.service', { service: serviceTitle }),
    code: { label: label('handoverSlip.codeLabel'), value: code, qrAlt: label('handoverSlip.qrAlt', { code }) },
    instruction: label('handoverSlip.instruction'),
    issuedAt: label('handoverSlip.issuedAt', {
      date: formatLongDate(issued, locale, timeZone),
      time: formatTime(issued, locale, timeZone),
    }),
    times: slipTimes(request, label, locale, timeZone),
    office: {
      heading: label('handoverSlip.office'),
      blocks: officeBlocks(desk, t),
    },
    footer: [label('handoverSlip.footer')],
    // A slip fits one page; these only show if a huge office text ever pushes it onto a second.
    pagination: { continues: label('pagination.continues'), continuation: label('handoverSlip.title') },
  };
}

function slipTimes(
  request: SlipRequest,
  label: (key: string, values?: Record<string, string | number>) => string,
  locale: string,
  timeZone: string,
): string[] {
  const at = (iso: string) => {
    const date = new Date(iso);
    return { date: formatLongDate(date, locale, timeZone), time: formatTime(date, locale, timeZone) };
  };
  const times: string[] = [];
  if (request.validUntil) times.push(label('handoverSlip.validUntil', at(request.validUntil)));
  const desk = request.desk;
  if (desk)
    times.push(
      desk.openNow
        ? label('handoverSlip.deskOpenNow', at(desk.until))
        : label('handoverSlip.deskOpensAt', at(desk.from)),
    );
  return times;
}
