import { randomUUID } from 'node:crypto';
import {
  ok,
  type HandoverTicket,
  type HelpRequestReason,
  type HelpState,
  type KioskEvent,
  type LanguageCode,
  type Result,
  type SessionEndReason,
  SessionViewSchema,
  type SessionView,
} from '../../contract';
import type { EnrolResponse, HelpRequestBody, HubToTerminal, TerminalToHub } from '../../contract/hub';
import { errorClass } from '../logging';
import { retryDelayMs } from '../portal/backoff';
import type { CoreContext } from '../sessions/context';
import { currentSession, endSession, requireActive } from '../sessions/lifecycle';
import { buildView } from '../sessions/session-view';
import { activityOf, snapshotOf } from './activity';
import { deleteCredential, readCredential, writeCredential } from './credential-file';
import { EnrolRefusedError, enrolTerminal } from './enrol';
import { codeQrRows, newHandoverCode, sealForHub } from './handover-seal';
import { DEFAULT_HUB_BACKOFF, HubConnection } from './hub-connection';
import type { HubOptions } from './hub-options';
import { runTakeover, type CoreDispatch } from './takeover';

type Phase = 'waiting' | 'accepted' | 'consent' | 'viewing' | 'takeover';

export interface HubClient {
  state(): HelpState;
  /** The name and location the admin gave this terminal on the hub; the configured name without a hub. */
  terminal(): TerminalNaming;
  request(reason: HelpRequestReason): HelpState;
  cancel(): HelpState;
  consent(granted: boolean): HelpState;
  stopAssist(): HelpState;
  handover(sessionId: string): Promise<Result<HandoverTicket>>;
  /** The handover this kiosk issued last, if `code` is its code and it is still current; else undefined. */
  issuedHandover(code: string): IssuedHandover | undefined;
  /** Forgets the issued code ("Fertig", the next session); says whether there was one. */
  forgetHandover(): boolean;
  /** A session call answered with this view (the resident's tap or a takeover command). */
  sessionChanged(view: SessionView): void;
  onCoreEvent(event: KioskEvent): void;
  stop(): void;
}

export interface TerminalNaming {
  name: string;
  /** Empty without a hub. */
  location: string;
}

/** What the handover slip needs: the code and the (catalog) service, never the answers. */
export interface IssuedHandover {
  code: string;
  serviceId: string;
  language: LanguageCode;
  /** Epoch ms, from the core's clock. */
  issuedAt: number;
}

interface Settings {
  dataDir: string;
  appVersion: string;
  /** The configured name (--terminal-name, default "Bürgerkiosk"): shown until the hub names the terminal. */
  terminalName: string;
  outboxBacklog(): number;
  dispatch: CoreDispatch;
}

const DEFAULT_HANDOVER_TIMEOUT_MS = 10_000;

/**
 * The kiosk end of the hub protocol: enrolment, the connection, the help
 * request and everything staff may do after the resident agreed. All state is
 * in memory; what the hub must not lose on a reconnect goes again in `hello`.
 * With `options` undefined (no hub configured) it only ever says "unavailable".
 */
export function createHubClient(
  ctx: CoreContext,
  given: HubOptions | Promise<HubOptions | undefined> | undefined,
  settings: Settings,
): HubClient {
  // A hub that comes up after the kiosk (npm start's local hub) is attached when it is ready;
  // until then the kiosk behaves as without a hub.
  let options = given instanceof Promise ? undefined : given;
  let connection: HubConnection | undefined;
  let handoverKey: Record<string, unknown> | undefined;
  let issued: IssuedHandover | undefined;
  let revoked = false;
  let stopped = false;
  let enrolTimer: ReturnType<typeof setTimeout> | undefined;
  let request: HelpRequestBody | undefined;
  let phase: Phase | undefined;
  let staffName: string | undefined;
  let lastActivity = '';
  let lastSnapshot = '';
  /** The hub's name for this terminal, and the stored credential it is kept in (none when configured directly). */
  let naming: TerminalNaming | undefined;
  let stored: EnrolResponse | undefined;
  const pendingDeposits = new Map<string, (stored: boolean) => void>();

  const hubStatus = (): HelpState['hub'] =>
    !options || revoked ? 'none' : connection?.isOnline ? 'online' : 'offline';

  function state(): HelpState {
    const hub = hubStatus();
    if (!request || !phase) return { status: hub === 'online' ? 'idle' : 'unavailable', hub };
    return {
      status: phase,
      hub,
      since: request.since,
      reason: request.reason,
      ...(staffName && phase !== 'waiting' ? { staffName } : {}),
    };
  }

  const changed = () => ctx.emit({ type: 'help.changed', state: state() });

  const terminal = (): TerminalNaming => naming ?? { name: settings.terminalName, location: '' };

  /** The hub named the terminal (enrolment, stored credential, each welcome): kept, and the footer told. */
  function named(next: TerminalNaming | undefined): void {
    const usable = next?.name.trim() ? { name: next.name.trim(), location: next.location.trim() } : undefined;
    if (JSON.stringify(usable) === JSON.stringify(naming)) return;
    naming = usable;
    const current = terminal();
    ctx.emit({ type: 'terminal.changed', terminalName: current.name, terminalLocation: current.location });
    if (!usable || !stored || (stored.terminalName === usable.name && stored.location === usable.location)) return;
    // Kept with the credential, so the footer shows it from the next start on, before the hub answers.
    stored = { ...stored, terminalName: usable.name, location: usable.location };
    try {
      writeCredential(settings.dataDir, stored);
    } catch (error) {
      ctx.logger.warn('hub.credential_unwritable', { errorClass: errorClass(error) });
    }
  }
  const send = (message: TerminalToHub) => connection?.send(message) ?? false;

  function currentView(): SessionView | null {
    const active = currentSession(ctx);
    return active ? buildView(ctx, active.row, active.service, ctx.store.readAnswers(active.row)) : null;
  }

  const consented = () => phase === 'viewing' || phase === 'takeover';

  function sendSnapshot(view: SessionView | null): void {
    if (!request || !consented() || !view) return;
    const snapshot = snapshotOf(view);
    const text = JSON.stringify(snapshot);
    if (text === lastSnapshot) return;
    if (send({ type: 'live.snapshot', requestId: request.requestId, snapshot })) lastSnapshot = text;
  }

  /**
   * Staff pointing at a control or filling in counts as someone being there: the session's idle clock starts
   * again, and the renderer gets the fresh clock, so its countdown (and an open idle warning) follows. Only staff
   * actions do: a resident who walks away while staff merely watch still gets the warning and the wipe.
   */
  function staffActed(): void {
    // Only with the resident's "Ja": a hub must not be able to hold a session open on its own.
    if (!consented()) return;
    const view = currentView();
    if (!view) return;
    settings.dispatch('session.keepAlive', { sessionId: view.sessionId }).then(
      (result) => {
        if (!result.ok) return;
        const fresh = SessionViewSchema.parse(result.value);
        // Only the clock: a page the resident moved on from meanwhile must not come back.
        ctx.emit({ type: 'session.idle', sessionId: fresh.sessionId, idle: fresh.idle });
      },
      (error: unknown) => ctx.logger.error('hub.keep_alive_failed', { errorClass: errorClass(error) }),
    );
  }

  function sendActivity(view: SessionView | null): void {
    const activity = activityOf(view);
    const text = JSON.stringify(activity);
    if (text === lastActivity) return;
    if (send({ type: 'activity', activity, outboxBacklog: settings.outboxBacklog() })) lastActivity = text;
  }

  /** Live view and takeover end; the help request stays (staff still comes). */
  function endAssist(by: 'resident' | 'session_end' | null): void {
    if (request && consented() && by) send({ type: 'live.stopped', requestId: request.requestId, by });
    if (request && phase === 'consent' && by)
      send({ type: 'consent.answer', requestId: request.requestId, granted: false });
    if (phase && phase !== 'waiting') phase = 'accepted';
    lastSnapshot = '';
  }

  function clearRequest(): void {
    request = undefined;
    phase = undefined;
    staffName = undefined;
    lastSnapshot = '';
  }

  function onOnline(online: boolean): void {
    // Consent lasts for one connection: after a gap staff must ask again.
    if (!online && consented()) endAssist(null);
    if (online) lastActivity = JSON.stringify(activityOf(currentView()));
    changed();
  }

  function hello(): TerminalToHub {
    return {
      type: 'hello',
      appVersion: settings.appVersion.slice(0, 40),
      outboxBacklog: settings.outboxBacklog(),
      activity: activityOf(currentView()),
      openRequests: request ? [request] : [],
    };
  }

  function onMessage(message: HubToTerminal): void {
    if (message.type === 'welcome') {
      handoverKey = message.handoverKey;
      named({ name: message.terminalName, location: message.location });
      return;
    }
    if (message.type === 'revoked') {
      ctx.logger.warn('hub.revoked');
      revoked = true;
      deleteCredential(settings.dataDir);
      stored = undefined;
      connection?.stop();
      connection = undefined;
      clearRequest();
      named(undefined);
      changed();
      return;
    }
    if (message.type === 'handover.stored') {
      pendingDeposits.get(message.handoverId)?.(true);
      return;
    }
    // Everything else is about the open request; a stale one (cancelled, resolved) is ignored.
    if (!request || message.requestId !== request.requestId) {
      ctx.logger.info('hub.stale_message', { code: message.type });
      return;
    }
    const requestId = request.requestId;
    switch (message.type) {
      case 'help.queued':
        return;
      case 'help.accepted':
        staffName = message.staffName;
        if (phase === 'waiting') phase = 'accepted';
        break;
      case 'help.resolved':
        clearRequest();
        break;
      case 'consent.request':
        if (phase !== 'accepted' && phase !== 'waiting') return;
        staffName = message.staffName;
        phase = 'consent';
        break;
      case 'live.end':
        endAssist(null);
        break;
      case 'guide.highlight':
        if (phase === 'waiting') return;
        ctx.emit({ type: 'guide.highlight', target: message.target });
        staffActed();
        return;
      case 'takeover.start':
        // Taking over needs the resident's "Ja" first.
        if (phase !== 'viewing') return;
        staffName = message.staffName;
        phase = 'takeover';
        break;
      case 'takeover.end':
        if (phase === 'takeover') phase = 'viewing';
        break;
      case 'takeover.answer':
      case 'takeover.navigate':
        void runTakeover(message, { allowed: phase === 'takeover', dispatch: settings.dispatch, currentView }).then(
          (outcome) => {
            send({ type: 'takeover.result', requestId, commandId: message.commandId, ...outcome.result });
            if (outcome.view) ctx.emit({ type: 'session.changed', view: outcome.view });
            // A refused command (an invalid answer) moved nothing, but staff were there all the same.
            else if (outcome.result.errorCode !== 'not_in_takeover') staffActed();
          },
          (error: unknown) => ctx.logger.error('hub.takeover_failed', { errorClass: errorClass(error) }),
        );
        return;
    }
    changed();
  }

  function connect(credential: Pick<EnrolResponse, 'credential'> & Partial<EnrolResponse>): void {
    if (stopped || !options) return;
    // Without one from enrolment, the key and the name arrive with the hub's welcome.
    if (credential.handoverKey) handoverKey = credential.handoverKey;
    if (credential.terminalName !== undefined)
      named({ name: credential.terminalName, location: credential.location ?? '' });
    connection = new HubConnection({
      hubUrl: options.url,
      credential: credential.credential,
      hello,
      onMessage,
      onOnline,
      logger: ctx.logger,
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
    connection.start();
  }

  function enrol(code: string, attempt: number): void {
    if (stopped || !options) return;
    enrolTerminal(options.url, code, settings.appVersion).then(
      (credential) => {
        if (stopped) return;
        writeCredential(settings.dataDir, credential);
        stored = credential;
        ctx.logger.info('hub.enrolled');
        connect(credential);
      },
      (error: unknown) => {
        if (error instanceof EnrolRefusedError) {
          ctx.logger.error('hub.enrol_refused', { status: error.status });
          return;
        }
        ctx.logger.warn('hub.enrol_failed', { errorClass: errorClass(error) });
        const delay = retryDelayMs(attempt, options?.backoff ?? DEFAULT_HUB_BACKOFF, undefined);
        enrolTimer = setTimeout(() => enrol(code, attempt + 1), delay);
        enrolTimer.unref();
      },
    );
  }

  function start(): void {
    if (!options || stopped) return;
    if (options.credential) return connect({ credential: options.credential });
    try {
      stored = readCredential(settings.dataDir);
    } catch (error) {
      ctx.logger.error('hub.credential_unreadable', { errorClass: errorClass(error) });
    }
    if (stored) connect(stored);
    else if (options.enrolmentCode) enrol(options.enrolmentCode, 0);
    else ctx.logger.warn('hub.not_enrolled');
  }

  if (given instanceof Promise) {
    given.then(
      (attached) => {
        if (!attached || stopped) return;
        options = attached;
        start();
        changed();
      },
      (error: unknown) => ctx.logger.error('hub.unavailable', { errorClass: errorClass(error) }),
    );
  } else {
    start();
  }

  return {
    state,
    terminal,
    request(reason) {
      if (!options || revoked) return state();
      if (!request) {
        request = {
          requestId: randomUUID(),
          reason,
          activity: activityOf(currentView()),
          since: new Date(ctx.clock.now()).toISOString(),
        };
        phase = 'waiting';
        // Offline, it goes with the next hello.
        send({ type: 'help.request', request });
        ctx.logger.info('help.requested', { reason });
        changed();
      }
      return state();
    },
    cancel() {
      if (request) {
        endAssist('resident');
        send({ type: 'help.cancel', requestId: request.requestId });
        clearRequest();
        changed();
      }
      return state();
    },
    consent(granted) {
      if (request && phase === 'consent') {
        send({ type: 'consent.answer', requestId: request.requestId, granted });
        phase = granted ? 'viewing' : 'accepted';
        ctx.logger.info('help.consent', { status: granted ? 'granted' : 'declined' });
        changed();
        if (granted) sendSnapshot(currentView());
      }
      return state();
    },
    stopAssist() {
      if (request && (consented() || phase === 'consent')) {
        endAssist('resident');
        changed();
      }
      return state();
    },
    async handover(sessionId) {
      const active = requireActive(ctx, sessionId);
      if (!active.ok) return active;
      const key = handoverKey;
      if (!connection?.isOnline || !key) return ok({ stored: false, reason: 'hub_unavailable' });
      const { row, service } = active.value;
      const view = buildView(ctx, row, service, ctx.store.readAnswers(row));
      const draft = {
        serviceId: view.serviceId,
        language: view.language,
        position: view.position,
        answers: view.answers,
        visibleStepIds: view.visibleStepIds,
      };
      const sealedDraft = await sealForHub(draft, key);
      const handoverId = randomUUID();
      const code = newHandoverCode();
      const stored = new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), options?.handoverTimeoutMs ?? DEFAULT_HANDOVER_TIMEOUT_MS);
        pendingDeposits.set(handoverId, (value) => {
          clearTimeout(timer);
          resolve(value);
        });
      });
      const sent = send({
        type: 'handover.deposit',
        handoverId,
        code,
        serviceId: view.serviceId,
        language: view.language,
        sealedDraft,
      });
      const confirmed = sent && (await stored);
      pendingDeposits.delete(handoverId);
      if (!confirmed) {
        ctx.logger.warn('handover.unconfirmed', { sessionId });
        return ok({ stored: false, reason: sent ? 'timeout' : 'hub_unavailable' });
      }
      endSession(ctx, sessionId, 'handover');
      // In memory only: the slip may print this code, and nothing else, until "Fertig" or the next session.
      issued = { code, serviceId: view.serviceId, language: view.language, issuedAt: ctx.clock.now() };
      return ok({ stored: true, code, qr: codeQrRows(code) });
    },
    issuedHandover(code) {
      // The handover screen goes after the idle timeout; so does the right to print its code.
      if (issued && ctx.clock.now() - issued.issuedAt > ctx.idle.timeoutMs + ctx.idle.warningMs) issued = undefined;
      return issued?.code === code ? issued : undefined;
    },
    forgetHandover() {
      const had = issued !== undefined;
      issued = undefined;
      return had;
    },
    sessionChanged(view) {
      // A session view means a new session: the previous resident's code is no longer theirs to print.
      issued = undefined;
      sendActivity(view);
      sendSnapshot(view);
    },
    onCoreEvent(event) {
      if (event.type !== 'session.ended') return;
      sendActivity(null);
      if (!request) return;
      // The resident's session end stops any assist; someone who walked away needs no one.
      if (consented() || phase === 'consent') {
        endAssist('session_end');
        changed();
      }
      if (event.reason === 'idle' || event.reason === ('startup' satisfies SessionEndReason)) {
        send({ type: 'help.cancel', requestId: request.requestId });
        clearRequest();
        changed();
      }
    },
    stop() {
      stopped = true;
      clearTimeout(enrolTimer);
      connection?.stop();
      for (const resolve of pendingDeposits.values()) resolve(false);
    },
  };
}
