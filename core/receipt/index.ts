/**
 * The resident's receipt: reference number, QR code, service, time of
 * sending, next steps, documents, fees and office, as an A4 or 80 mm PDF.
 * No personal data: only the catalog and the confirmation feed it.
 * Also the handover slip (slip-model.ts): the code for the desk, on the same paper.
 */
import { DESK_OFFICE_ID, receiptLanguage, type ApplicableParts, type LanguageCode } from '../../contract';
import type { LoadedCatalog } from '../catalog/load-catalog';
import type { ReceiptFonts } from './fonts';
import type { ReceiptLayoutName } from './page-formats';
import { receiptModel, type ReceiptModel } from './receipt-model';
import { createReceiptTranslator, loadReceiptTexts } from './receipt-texts';
import { renderReceiptHtml, renderSlipHtml } from './render-html';
import { renderReceipt, renderSlip } from './render-pdf';
import { slipModel, type SlipRequest } from './slip-model';
import { visitModel, type VisitRequest } from './visit-model';
import { waitingModel, type WaitingRequest } from './waiting-model';

export { defaultReceiptFonts, loadReceiptFonts, type ReceiptFonts } from './fonts';
export { MissingGlyphError } from './font-runs';
export { RECEIPT_LAYOUTS, type ReceiptLayoutName } from './page-formats';
export { receiptModel, type ReceiptConfirmation, type ReceiptModel } from './receipt-model';
export { createReceiptTranslator, loadReceiptTexts, type ReceiptTranslate } from './receipt-texts';
export { renderReceipt, renderSlip } from './render-pdf';
export { renderReceiptHtml, renderSlipHtml } from './render-html';
export { slipModel, type SlipModel, type SlipRequest } from './slip-model';
export { visitModel, type VisitRequest } from './visit-model';
export { waitingModel, type WaitingRequest } from './waiting-model';

export interface ReceiptRequest {
  serviceId: string;
  /** From the session's confirmation position. */
  reference: string;
  submittedAt: string;
  language: LanguageCode;
  /** What applies to this resident; without it, every fee, next step and document. */
  parts?: ApplicableParts;
}

export interface ReceiptMaker {
  model(request: ReceiptRequest): ReceiptModel;
  pdf(request: ReceiptRequest, layout: ReceiptLayoutName): Promise<Buffer>;
  /** The handover slip of an issued code, in the slip language of `request.language` (Arabic: English). */
  slip(request: SlipRequest, layout: ReceiptLayoutName): Promise<Buffer>;
  /** The receipt as one HTML page for the 80 mm roll (Electron's own printing). */
  html(request: ReceiptRequest): string;
  /** The handover slip as one HTML page for the 80 mm roll. */
  slipHtml(request: SlipRequest): string;
  /** A prepared visit's checklist (documents, fee, office, desk code), in the receipt language. */
  visit(request: VisitRequest, layout: ReceiptLayoutName): Promise<Buffer>;
  visitHtml(request: VisitRequest): string;
  /** A walk-in waiting number at one of the offices (resources/offices/ id). */
  waiting(officeId: string, request: WaitingRequest, layout: ReceiptLayoutName): Promise<Buffer>;
  waitingHtml(officeId: string, request: WaitingRequest): string;
}

/**
 * Reads the receipt's texts once and makes receipts for the loaded catalog.
 * Throws for an unknown service, an invalid reference or a missing text.
 */
export function createReceiptMaker(options: {
  resourcesDir: string;
  catalog: Pick<LoadedCatalog, 'byId' | 'translations' | 'offices'>;
  /** Default Europe/Berlin. */
  timeZone?: string;
  fonts?: ReceiptFonts;
}): ReceiptMaker {
  const texts = loadReceiptTexts(options.resourcesDir);
  const model = (request: ReceiptRequest) => {
    const service = options.catalog.byId.get(request.serviceId);
    if (!service) throw new Error(`Unknown service "${request.serviceId}"`);
    // An Arabic session gets an English receipt: see `receiptLanguage` in contract/languages.ts.
    const language = receiptLanguage(request.language);
    const t = createReceiptTranslator(texts, options.catalog.translations, request.serviceId, language);
    const { reference, submittedAt, parts } = request;
    const office = options.catalog.offices.byId.get(service.definition.officeId);
    if (!office) throw new Error(`Unknown office "${service.definition.officeId}"`);
    return receiptModel(
      service.definition,
      office,
      { reference, submittedAt, language, ...(parts ? { parts } : {}) },
      t,
      {
        timeZone: options.timeZone,
      },
    );
  };
  const slip = (request: SlipRequest) => {
    const service = options.catalog.byId.get(request.serviceId);
    if (!service) throw new Error(`Unknown service "${request.serviceId}"`);
    const language = receiptLanguage(request.language);
    const t = createReceiptTranslator(texts, options.catalog.translations, request.serviceId, language);
    const desk = options.catalog.offices.byId.get(DESK_OFFICE_ID);
    if (!desk) throw new Error(`Unknown office "${DESK_OFFICE_ID}"`);
    return slipModel(service.definition, desk, { ...request, language }, t, { timeZone: options.timeZone });
  };
  const visit = (request: VisitRequest) => {
    const service = options.catalog.byId.get(request.serviceId);
    if (!service) throw new Error(`Unknown service "${request.serviceId}"`);
    const language = receiptLanguage(request.language);
    const t = createReceiptTranslator(texts, options.catalog.translations, request.serviceId, language);
    const office = options.catalog.offices.byId.get(service.definition.officeId);
    if (!office) throw new Error(`Unknown office "${service.definition.officeId}"`);
    return visitModel(service.definition, office, { ...request, language }, t, { timeZone: options.timeZone });
  };
  const waiting = (officeId: string, request: WaitingRequest) => {
    const language = receiptLanguage(request.language);
    // No service: the translator's service namespace stays empty (the office texts are shared).
    const t = createReceiptTranslator(texts, options.catalog.translations, 'walk-in', language);
    const office = options.catalog.offices.byId.get(officeId);
    if (!office) throw new Error(`Unknown office "${officeId}"`);
    return waitingModel(office, { ...request, language }, t, { timeZone: options.timeZone });
  };
  return {
    model,
    pdf: (request, layout) => renderReceipt(model(request), layout, { fonts: options.fonts }),
    slip: (request, layout) => renderSlip(slip(request), layout, { fonts: options.fonts }),
    html: (request) => renderReceiptHtml(model(request)),
    slipHtml: (request) => renderSlipHtml(slip(request)),
    visit: (request, layout) => renderReceipt(visit(request), layout, { fonts: options.fonts }),
    visitHtml: (request) => renderReceiptHtml(visit(request)),
    waiting: (officeId, request, layout) => renderReceipt(waiting(officeId, request), layout, { fonts: options.fonts }),
    waitingHtml: (officeId, request) => renderReceiptHtml(waiting(officeId, request)),
  };
}
