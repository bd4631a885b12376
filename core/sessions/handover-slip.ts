import { fail, ok, type ReceiptFile, type Result } from '../../contract';
import type { HubClient } from '../hub-client/hub-client';
import { errorClass } from '../logging';
import type { SlipRequest } from '../receipt';
import type { CoreContext } from './context';
import type { ReceiptSettings } from './session-receipt';

/**
 * Only the code this kiosk issued last may be printed: otherwise the API
 * would print any text that looks like a code. The code is never logged.
 */
function issuedSlip(hub: HubClient, code: string): Result<SlipRequest> {
  const issued = hub.issuedHandover(code);
  if (!issued) return fail('not_reachable', { detail: 'no such handover code was issued here' });
  return ok(issued);
}

export async function slipFile(
  ctx: CoreContext,
  receipts: ReceiptSettings,
  hub: HubClient,
  code: string,
  layout: 'a4' | 'receipt80',
): Promise<Result<ReceiptFile>> {
  const request = issuedSlip(hub, code);
  if (!request.ok) return request;
  const pdf = await (await receipts.maker()).slip(request.value, layout);
  ctx.logger.info('handover.slip_made', { layout });
  return ok({ fileName: `handover-slip-${layout}.pdf`, pdfBase64: pdf.toString('base64') });
}

export async function printSlip(
  ctx: CoreContext,
  receipts: ReceiptSettings,
  hub: HubClient,
  code: string,
): Promise<Result<{ printed: true }>> {
  const printer = receipts.printer;
  if (!printer) return fail('internal', { detail: 'this terminal has no receipt printer' });
  const request = issuedSlip(hub, code);
  if (!request.ok) return request;
  const maker = await receipts.maker();
  try {
    if ('printHtml' in printer) await printer.printHtml(maker.slipHtml(request.value));
    else await printer.print(await maker.slip(request.value, printer.layout));
  } catch (error) {
    ctx.logger.error('handover.slip_print_failed', { errorClass: errorClass(error) });
    return fail('internal', { detail: 'the receipt printer did not take the job' });
  }
  ctx.logger.info('handover.slip_printed', { layout: printer.layout });
  return ok({ printed: true });
}
