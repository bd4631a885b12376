import { DEFAULT_LANGUAGE, fail, isLanguageCode, ok, type ReceiptFile, type Result } from '../../contract';
import type { LoadedCatalog } from '../catalog/load-catalog';
import { errorClass } from '../logging';
import type { ReceiptMaker, ReceiptRequest } from '../receipt';
import type { ReceiptPrinter } from '../types';
import type { CoreContext } from './context';
import { requireActive } from './lifecycle';
import { storedPosition } from './session-view';

export interface ReceiptSettings {
  /** Made on first use: its fonts take about a second to load, which the start screen must not wait for. */
  maker(): Promise<ReceiptMaker>;
  printer?: ReceiptPrinter;
}

/**
 * The receipt maker, made on first use and kept. Imported lazily too, so
 * nothing of it is on the start-up path.
 */
export function lazyReceiptMaker(options: {
  resourcesDir: string;
  catalog: LoadedCatalog;
  timeZone: string;
}): () => Promise<ReceiptMaker> {
  let maker: Promise<ReceiptMaker> | undefined;
  return () => (maker ??= import('../receipt').then((receipt) => receipt.createReceiptMaker(options)));
}

/**
 * What the receipt of the active session shows, taken from its confirmation
 * position (reference and time of sending) and nothing the resident typed.
 * Only a session on its confirmation page has one.
 */
function confirmedReceipt(ctx: CoreContext, sessionId: string): Result<ReceiptRequest> {
  const active = requireActive(ctx, sessionId);
  if (!active.ok) return active;
  const { row, service } = active.value;
  const position = storedPosition(row);
  if (position.kind !== 'confirmation') {
    return fail('not_reachable', { detail: 'a receipt only exists on the confirmation page' });
  }
  // Asking for the receipt is the resident being there.
  ctx.store.touch(row.id, ctx.clock.now());
  return ok({
    serviceId: service.definition.id,
    reference: position.reference,
    submittedAt: position.submittedAt,
    ...(position.parts ? { parts: position.parts } : {}),
    language: isLanguageCode(row.language) ? row.language : DEFAULT_LANGUAGE,
  });
}

export async function receiptFile(
  ctx: CoreContext,
  receipts: ReceiptSettings,
  sessionId: string,
  layout: 'a4' | 'receipt80',
): Promise<Result<ReceiptFile>> {
  const request = confirmedReceipt(ctx, sessionId);
  if (!request.ok) return request;
  const pdf = await (await receipts.maker()).pdf(request.value, layout);
  ctx.logger.info('receipt.made', { sessionId, layout });
  return ok({ fileName: `receipt-${request.value.reference}-${layout}.pdf`, pdfBase64: pdf.toString('base64') });
}

export async function printReceipt(
  ctx: CoreContext,
  receipts: ReceiptSettings,
  sessionId: string,
): Promise<Result<{ printed: true }>> {
  const printer = receipts.printer;
  if (!printer) return fail('internal', { detail: 'this terminal has no receipt printer' });
  const request = confirmedReceipt(ctx, sessionId);
  if (!request.ok) return request;
  const maker = await receipts.maker();
  try {
    if ('printHtml' in printer) await printer.printHtml(maker.html(request.value));
    else await printer.print(await maker.pdf(request.value, printer.layout));
  } catch (error) {
    ctx.logger.error('receipt.print_failed', { sessionId, errorClass: errorClass(error) });
    return fail('internal', { detail: 'the receipt printer did not take the job' });
  }
  ctx.logger.info('receipt.printed', { sessionId, layout: printer.layout });
  return ok({ printed: true });
}
