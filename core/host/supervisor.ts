import type { PageCaller } from '../../contract/session-token';
import type { KioskEvent, Result } from '../../contract';
import { fail } from '../../contract/result-builders';
import type { HubOptions } from '../hub-client/hub-options';
import type { PortalConfigInput } from '../portal/portal-config';
import type { CatalogProblem } from '../types';
import { printerStateOfError } from '../health/printer-watch';
import {
  FromCoreSchema,
  RETRYABLE_METHODS,
  type AppointmentsFrameConfig,
  type OpenOptions,
  type ToCore,
} from './protocol';

/** A started core process, as the supervisor sees it (utilityProcess in Electron, a fork in Node). */
export interface CoreProcess {
  send(frame: ToCore): void;
  onFrame(listener: (frame: unknown) => void): void;
  /** Once, however it ended (crash, kill -9, exit). */
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
  readonly pid?: number | undefined;
}

export interface RestartPolicy {
  /** The first restart waits this long; each further crash in the window doubles it, up to capMs. */
  baseMs: number;
  capMs: number;
  /** More crashes than this within windowMs: the core is out of service, and no restart follows. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { baseMs: 250, capMs: 8_000, maxCrashes: 5, windowMs: 120_000 };

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface SupervisorOptions {
  spawn(): CoreProcess;
  /** The terminal's master key, unwrapped by the parent; sent to every core process in a frame of its own. */
  masterKey: Buffer;
  open: OpenOptions;
  /** The terminal's printer (the parent owns it); needed when open.printerLayout is set. */
  print?: (pdf: Buffer) => Promise<void>;
  /** The same for a printer that takes one HTML page (open.printerFormat 'html'). */
  printHtml?: (html: string) => Promise<void>;
  /** One line for the operator's log; never personal data. */
  log?: (line: string) => void;
  policy?: Partial<RestartPolicy>;
  timers?: Timers;
}

export type SupervisorState = 'starting' | 'up' | 'restarting' | 'out_of_service' | 'closed';

export interface CoreSupervisor {
  /** Starts the first core process; resolves with its catalog problems once it is ready. */
  start(): Promise<readonly CatalogProblem[]>;
  /** Like KioskCore.dispatch (`caller`: the page's call): never throws. Calls made while the core restarts wait for it. */
  dispatch(method: unknown, input: unknown, caller?: PageCaller): Promise<Result<unknown>>;
  onEvent(listener: (event: KioskEvent) => void): () => void;
  /** False when the core process went away, true when a restarted one is ready. */
  onConnectionChange(listener: (up: boolean) => void): () => void;
  /** The portal and hub a demo brings up after the kiosk: kept, and sent to every core process. */
  setPortal(config: PortalConfigInput | undefined): void;
  setHub(options: HubOptions | undefined): void;
  /** The appointment system's settings (issue 16), sent to every core process like the portal. */
  setAppointments(config: AppointmentsFrameConfig | undefined): void;
  readonly state: SupervisorState;
  close(): void;
}

interface PendingCall {
  method: string;
  input: unknown;
  caller: PageCaller | undefined;
  sent: boolean;
  resolve(result: Result<unknown>): void;
}

/**
 * Runs the core in a process of its own and keeps it running: it sends the master key and the
 * options, forwards calls and waits for their results, passes events on, and after a crash starts a
 * new process with a growing delay. Calls in flight at a crash are sent again if they change nothing
 * (RETRYABLE_METHODS), else answered with `internal`; the renderer then takes the core's picture of
 * the session (session.resume) once the connection is back, as after a kill -9 of the whole kiosk.
 */
export function createCoreSupervisor(options: SupervisorOptions): CoreSupervisor {
  const policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
  const timers = options.timers ?? realTimers;
  const log = options.log ?? (() => undefined);
  const eventListeners = new Set<(event: KioskEvent) => void>();
  const connectionListeners = new Set<(up: boolean) => void>();
  const pending = new Map<number, PendingCall>();
  const crashes: number[] = [];
  let state: SupervisorState = 'starting';
  let child: CoreProcess | undefined;
  let everReady = false;
  let nextId = 0;
  let restartTimer: unknown;
  let portal: { config: PortalConfigInput | undefined } | undefined;
  let hub: { options: HubOptions | undefined } | undefined;
  let appointments: { config: AppointmentsFrameConfig | undefined } | undefined;
  let started: { resolve(problems: readonly CatalogProblem[]): void; reject(error: Error): void } | undefined;

  const setConnected = (up: boolean) => {
    for (const listener of connectionListeners) listener(up);
  };

  function sendTo(target: CoreProcess | undefined, frame: ToCore): boolean {
    if (!target) return false;
    try {
      target.send(frame);
      return true;
    } catch {
      return false; // the process is going away; its exit handles the rest
    }
  }

  function sendCall(id: number, call: PendingCall): void {
    call.sent = sendTo(child, {
      kind: 'call',
      id,
      method: call.method,
      input: call.input,
      ...(call.caller ? { caller: call.caller } : {}),
    });
  }

  function answerAll(detail: string): void {
    for (const call of pending.values()) call.resolve(fail('internal', { detail }));
    pending.clear();
  }

  function spawnCore(): void {
    const current = options.spawn();
    child = current;
    current.onFrame((raw) => {
      if (child === current) onFrame(current, raw);
    });
    current.onExit((code) => {
      if (child === current) onCrash(code);
    });
    sendTo(current, { kind: 'masterKey', keyBase64: options.masterKey.toString('base64') });
    sendTo(current, { kind: 'open', options: options.open });
  }

  function onReady(current: CoreProcess, problems: readonly CatalogProblem[]): void {
    state = 'up';
    if (portal) sendTo(current, { kind: 'portal', config: portal.config ?? null });
    if (hub) sendTo(current, { kind: 'hub', options: hub.options ?? null });
    if (appointments) sendTo(current, { kind: 'appointments', config: appointments.config ?? null });
    for (const [id, call] of pending) if (!call.sent) sendCall(id, call);
    if (everReady) {
      log('The core process is back; the session resumes.');
      setConnected(true);
    }
    everReady = true;
    started?.resolve(problems);
    started = undefined;
  }

  function onFrame(current: CoreProcess, raw: unknown): void {
    const parsed = FromCoreSchema.safeParse(raw);
    if (!parsed.success) {
      log(`The core process sent a frame that was refused (${parsed.error.issues[0]?.path.join('.') || '/'}).`);
      // A result that fails its check still ends its call, as an internal error.
      const id = (raw as { id?: unknown } | null)?.id;
      const call = typeof id === 'number' ? pending.get(id) : undefined;
      if (call && (raw as { kind?: unknown }).kind === 'result') {
        pending.delete(id as number);
        call.resolve(fail('internal', { detail: 'unreadable result from the core process' }));
      }
      return;
    }
    const frame = parsed.data;
    switch (frame.kind) {
      case 'ready':
        return onReady(current, frame.catalogProblems);
      case 'failed':
        if (!everReady) {
          // The data cannot be opened (a foreign database, say): another process would fail the same way.
          state = 'closed';
          child = undefined;
          current.kill();
          answerAll('the core could not open its data');
          started?.reject(new Error(frame.message));
          started = undefined;
          return;
        }
        log(`The restarted core process could not open its data: ${frame.message}`);
        current.kill(); // counted as a crash by its exit
        return;
      case 'result': {
        const call = pending.get(frame.id);
        pending.delete(frame.id);
        call?.resolve(frame.result as Result<unknown>);
        return;
      }
      case 'event':
        for (const listener of eventListeners) listener(frame.event);
        return;
      case 'print':
      case 'printHtml': {
        const done = (ok: boolean, error?: unknown) => {
          const printerState = ok ? undefined : printerStateOfError(error);
          sendTo(current, { kind: 'printed', id: frame.id, ok, ...(printerState ? { printerState } : {}) });
        };
        const job =
          frame.kind === 'print'
            ? options.print?.(Buffer.from(frame.pdfBase64, 'base64'))
            : options.printHtml?.(frame.html);
        if (!job) return void done(false);
        job.then(
          () => done(true),
          (error: unknown) => done(false, error),
        );
        return;
      }
      case 'refused':
        log(`The core process refused a frame: ${frame.detail}`);
        return;
    }
  }

  function onCrash(code: number | null): void {
    child = undefined;
    if (state === 'closed' || state === 'out_of_service') return;
    const wasUp = state === 'up';
    state = 'restarting';
    log(`The core process ended unexpectedly (exit code ${code ?? 'none'}); restarting it.`);
    for (const [id, call] of pending) {
      if (!call.sent) continue;
      if (RETRYABLE_METHODS.has(call.method)) {
        call.sent = false; // sent again to the next process
      } else {
        pending.delete(id);
        call.resolve(fail('internal', { detail: 'the core process restarted during this call' }));
      }
    }
    if (wasUp) setConnected(false);
    const now = timers.now();
    crashes.push(now);
    while (crashes.length > 0 && crashes[0]! < now - policy.windowMs) crashes.shift();
    if (crashes.length > policy.maxCrashes) {
      state = 'out_of_service';
      log(
        `The core process ended ${crashes.length} times within ${Math.round(policy.windowMs / 1000)} s; ` +
          'the kiosk stays on its waiting screen until it is restarted.',
      );
      answerAll('the core process is out of service');
      started?.reject(new Error('the core process kept ending before it was ready'));
      started = undefined;
      return;
    }
    const delay = Math.min(policy.capMs, policy.baseMs * 2 ** (crashes.length - 1));
    restartTimer = timers.setTimeout(() => {
      restartTimer = undefined;
      if (state === 'restarting') spawnCore();
    }, delay);
  }

  return {
    start() {
      if (child || everReady || started) return Promise.reject(new Error('the core process was started already'));
      return new Promise((resolve, reject) => {
        started = { resolve, reject };
        spawnCore();
      });
    },
    dispatch(method, input, caller) {
      if (state === 'closed') return Promise.resolve(fail('internal', { detail: 'core is closed' }));
      if (state === 'out_of_service')
        return Promise.resolve(fail('internal', { detail: 'the core process is out of service' }));
      // The contract checks method and input in the core; this side needs only a name to decide on retries.
      if (typeof method !== 'string') return Promise.resolve(fail('unknown_method'));
      return new Promise((resolve) => {
        const id = nextId++;
        const call: PendingCall = { method, input, caller, sent: false, resolve };
        pending.set(id, call);
        if (state === 'up') sendCall(id, call);
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    setPortal(config) {
      portal = { config };
      if (state === 'up') sendTo(child, { kind: 'portal', config: config ?? null });
    },
    setHub(hubOptions) {
      hub = { options: hubOptions };
      if (state === 'up') sendTo(child, { kind: 'hub', options: hubOptions ?? null });
    },
    setAppointments(config) {
      appointments = { config };
      if (state === 'up') sendTo(child, { kind: 'appointments', config: config ?? null });
    },
    get state() {
      return state;
    },
    close() {
      if (state === 'closed') return;
      state = 'closed';
      if (restartTimer !== undefined) timers.clearTimeout(restartTimer);
      sendTo(child, { kind: 'close' });
      child = undefined;
      answerAll('core is closed');
      started?.reject(new Error('closed before the core was ready'));
      started = undefined;
    },
  };
}
