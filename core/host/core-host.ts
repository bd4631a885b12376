import type { PageCaller } from '../../contract/session-token';
import { fail } from '../../contract/result-builders';
import { openKioskCore } from '../kiosk-core';
import { createJsonLogger, errorClass } from '../logging';
import type { PortalConfigInput } from '../portal/portal-config';
import type { HubOptions } from '../hub-client/hub-options';
import type { AppointmentClient } from '../appointments/appointment-client';
import { ZmsAppointmentClient } from '../appointments/zms-client';
import type { KioskCore, KioskCoreOptions, Logger, ReceiptPrinter } from '../types';
import { ToCoreSchema, type FramePort, type FromCore, type OpenOptions } from './protocol';

export interface CoreHostOptions {
  /** Tests: another way to open the core (the default is the real one). */
  open?: (options: KioskCoreOptions) => KioskCore;
  logger?: Logger;
  /** Called once the core is closed on the parent's `close` frame (the entry exits the process). */
  onClosed?: () => void;
}

/** A promise with its resolve function, for an option the parent sends after `open`. */
function later<T>() {
  let resolve!: (value: T | undefined) => void;
  const promise = new Promise<T | undefined>((done) => (resolve = done));
  return { promise, resolve };
}

/**
 * The core in a process of its own: opens the core when the parent has sent the master key and the
 * options, answers every call frame with a result frame, and sends the core's events. A frame that
 * fails its schema is refused (and logged by its reason only); the host keeps running.
 */
export function runCoreHost(port: FramePort, options: CoreHostOptions = {}): void {
  const logger = options.logger ?? createJsonLogger();
  const open = options.open ?? openKioskCore;
  const send = (frame: FromCore) => port.send(frame);
  let masterKey: Buffer | undefined;
  let core: KioskCore | undefined;
  let nextPrint = 0;
  const prints = new Map<number, { resolve(): void; reject(error: Error): void }>();
  const portal = later<PortalConfigInput>();
  const hub = later<HubOptions>();
  const appointments = later<AppointmentClient>();
  let appointmentClient: AppointmentClient | undefined;

  /** The parent owns the printer: a job travels as a frame and waits for its 'printed' answer. */
  const sendJob = (job: { kind: 'print'; pdfBase64: string } | { kind: 'printHtml'; html: string }) =>
    new Promise<void>((resolve, reject) => {
      const id = nextPrint++;
      prints.set(id, { resolve, reject });
      send({ ...job, id });
    });
  const printer = (layout: ReceiptPrinter['layout'], format: OpenOptions['printerFormat']): ReceiptPrinter =>
    format === 'html'
      ? { layout: 'receipt80', printHtml: (html) => sendJob({ kind: 'printHtml', html }) }
      : { layout, print: (pdf) => sendJob({ kind: 'print', pdfBase64: pdf.toString('base64') }) };

  function openCore(settings: OpenOptions): void {
    if (core) return send({ kind: 'refused', detail: 'the core is already open' });
    if (!masterKey) return send({ kind: 'refused', detail: 'open before masterKey' });
    const key = masterKey;
    try {
      core = open({
        dataDir: settings.dataDir,
        resourcesDir: settings.resourcesDir,
        ...(settings.servicesDir ? { servicesDir: settings.servicesDir } : {}),
        mode: settings.mode,
        logger,
        masterKeyProvider: { load: () => key },
        ...(settings.idleTimeoutMs !== undefined ? { idleTimeoutMs: settings.idleTimeoutMs } : {}),
        ...(settings.idleWarningMs !== undefined ? { idleWarningMs: settings.idleWarningMs } : {}),
        ...(settings.terminalName !== undefined ? { terminalName: settings.terminalName } : {}),
        ...(settings.printerLayout ? { receiptPrinter: printer(settings.printerLayout, settings.printerFormat) } : {}),
        ...(settings.portalLater ? { portal: portal.promise } : {}),
        ...(settings.hubLater ? { hub: hub.promise } : {}),
        ...(settings.appointmentsLater ? { appointments: appointments.promise } : {}),
        ...(settings.production !== undefined ? { production: settings.production } : {}),
        ...(settings.portalOrigin ? { portalOrigin: settings.portalOrigin } : {}),
        ...(settings.outOfService ? { outOfService: settings.outOfService } : {}),
        ...(settings.speechWarmUp === false ? { speech: { warmUpAfterMs: null } } : {}),
      });
    } catch (error) {
      send({ kind: 'failed', message: (error as Error)?.message ?? String(error) });
      return;
    }
    core.onEvent((event) => send({ kind: 'event', event }));
    send({ kind: 'ready', catalogProblems: [...core.catalogProblems] });
  }

  async function answer(id: number, method: string, input: unknown, caller?: PageCaller): Promise<void> {
    if (!core) {
      send({ kind: 'result', id, result: fail('internal', { detail: 'core is not open' }) });
      return;
    }
    try {
      send({ kind: 'result', id, result: await core.dispatch(method, input, caller) });
    } catch (error) {
      logger.error('host.call_failed', { method, errorClass: errorClass(error) });
      send({ kind: 'result', id, result: fail('internal') });
    }
  }

  port.onFrame((raw) => {
    const parsed = ToCoreSchema.safeParse(raw);
    if (!parsed.success) {
      // Only where it failed: a call's input may hold what a resident typed.
      const issue = parsed.error.issues[0];
      const detail = `invalid frame at ${issue?.path.join('.') || '/'}: ${issue?.code ?? 'unknown'}`;
      logger.warn('host.frame_refused', { detail });
      send({ kind: 'refused', detail });
      return;
    }
    const frame = parsed.data;
    switch (frame.kind) {
      case 'masterKey': {
        const key = Buffer.from(frame.keyBase64, 'base64');
        if (key.length === 32) masterKey = key;
        else send({ kind: 'refused', detail: 'the master key must be 32 bytes' });
        return;
      }
      case 'open':
        return openCore(frame.options);
      case 'call':
        void answer(frame.id, frame.method, frame.input, frame.caller);
        return;
      case 'portal':
        portal.resolve(frame.config ?? undefined);
        return;
      case 'hub':
        hub.resolve(frame.options ?? undefined);
        return;
      case 'appointments': {
        const { caPem, ...config } = frame.config ?? {};
        appointmentClient ??= frame.config
          ? new ZmsAppointmentClient({ config: config as typeof frame.config, ...(caPem ? { caPem } : {}) })
          : undefined;
        appointments.resolve(appointmentClient);
        return;
      }
      case 'printed': {
        const waiting = prints.get(frame.id);
        prints.delete(frame.id);
        if (frame.ok) waiting?.resolve();
        // The printer's state travels with the failure, for the health report (core/health/printer-watch.ts).
        else
          waiting?.reject(
            Object.assign(new Error('the printer did not take the job'), {
              printerState: frame.printerState ?? 'error',
            }),
          );
        return;
      }
      case 'close':
        core?.close();
        appointmentClient?.close();
        core = undefined;
        options.onClosed?.();
        return;
    }
  });
}
