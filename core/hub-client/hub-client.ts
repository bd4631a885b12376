import type {
  FeedbackComment,
  HandoverTicket,
  HelpRequestReason,
  HelpState,
  KioskEvent,
  OpeningHours,
  Result,
  SessionView,
} from '../../contract';
import { currentSession } from '../sessions/lifecycle';
import type { CoreContext } from '../sessions/context';
import { buildView } from '../sessions/session-view';
import type { HealthReport, KioskBookingNotice, TerminalToHub } from '../../contract/hub';
import { BookingNotices } from './booking-notices';
import { FeedbackComments } from './feedback-comments';
import { activityOf } from './activity';
import { Handovers, type IssuedHandover } from './handover';
import { HelpRequests } from './help-request';
import { HealthReporter } from './health-reporter';
import { HubLink, type TerminalNaming } from './hub-link';
import type { HubOptions } from './hub-options';
import { LiveFeed } from './live-feed';
import type { CoreDispatch } from './takeover';
import type { UsageStore } from '../usage/usage-store';
import { UsageReports } from './usage-reports';

export type { IssuedHandover } from './handover';
export type { TerminalNaming } from './hub-link';

export interface HubClient {
  state(): HelpState;
  /** A help request is open on a connected hub: the session's idle timeout does not run. */
  holdsIdle(): boolean;
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
  /** A time booked at this kiosk (the appointment system confirmed it): listed in the staff console. */
  bookingMade(booking: KioskBookingNotice): void;
  /** A time cancelled at this kiosk. */
  bookingCancelled(code: string): void;
  /** The day's usage totals changed (a session was folded in): unsent days go to the hub. */
  usageFolded(): void;
  /**
   * A resident's feedback comment, already stripped (issue 18): sent now, or kept in memory until the hub is
   * reached and confirms it (never on disk; dropped at shutdown).
   */
  feedbackComment(comment: FeedbackComment): 'sent' | 'waiting';
  /** A session call answered with this view (the resident's tap or a takeover command). */
  sessionChanged(view: SessionView): void;
  onCoreEvent(event: KioskEvent): void;
  /** Something the health report shows may have changed (a print job, the appointment system): report soon. */
  healthChanged(): void;
  /** Issue 20: the hub's active catalogue bundle, fetched with this terminal's credential. */
  fetchBundle(): Promise<unknown>;
  /** The hub's bundle key pinned at enrolment. */
  bundleKey(): string | undefined;
  stop(): void;
}

interface Settings {
  dataDir: string;
  appVersion: string;
  /** The configured name (--terminal-name, default "Bürgerkiosk"): shown until the hub names the terminal. */
  terminalName: string;
  outboxBacklog(): number;
  dispatch: CoreDispatch;
  /** The desk's opening hours (the `info` office), for the handover screen and slip. */
  deskHours?: OpeningHours | undefined;
  /** The day's anonymous usage totals (issue 18), sent until the hub confirms them. */
  usage: UsageStore;
  /** The terminal's health report (issue 20, core/health/health-figures.ts); without it none is sent. */
  health?: () => Promise<HealthReport>;
  /** Issue 20: told each version of the hub's active catalogue bundle (core/catalog/catalogue-bundles.ts). */
  bundleOffered?: (version: number) => void;
}

/**
 * The kiosk end of the hub protocol: the link to the hub (hub-link.ts: enrolment, the connection),
 * the help request and everything staff may do after the resident agreed (help-request.ts,
 * live-feed.ts, takeover.ts), and continue-at-the-desk (handover.ts). All state is in memory; what
 * the hub must not lose on a reconnect goes again in `hello`. With no hub configured it only ever
 * says "unavailable".
 */
export function createHubClient(
  ctx: CoreContext,
  given: HubOptions | Promise<HubOptions | undefined> | undefined,
  settings: Settings,
): HubClient {
  function currentView(): SessionView | null {
    const active = currentSession(ctx);
    return active ? buildView(ctx, active.row, active.service, ctx.store.readAnswers(active.row)) : null;
  }

  // The link's events reach `help` and `handovers` only once it is open (below).
  const link: HubLink = new HubLink(
    given,
    {
      dataDir: settings.dataDir,
      appVersion: settings.appVersion,
      terminalName: settings.terminalName,
      logger: ctx.logger,
    },
    {
      hello: (): TerminalToHub => ({
        type: 'hello',
        appVersion: settings.appVersion.slice(0, 40),
        outboxBacklog: settings.outboxBacklog(),
        activity: activityOf(currentView()),
        openRequests: help.openRequests(),
      }),
      onMessage: (message) => {
        if (message.type === 'handover.stored') handovers.onStored(message.handoverId, message.expiresAt);
        else if (message.type === 'usage.stored') usage.onStored(message.day, message.revision);
        else if (message.type === 'usage.refused') usage.onRefused(message.day, message.revision, message.code);
        else if (message.type === 'feedback.stored') comments.onStored(message.commentId);
        else if (message.type === 'catalogue.bundle') settings.bundleOffered?.(message.version);
        else help.onMessage(message);
      },
      onOnline: (online) => {
        help.onOnline(online);
        if (online) {
          bookings.flush();
          usage.flush();
          comments.flush();
        }
        reporter?.onOnline(online);
      },
      onRevoked: () => help.onRevoked(),
      onAttached: () => help.changed(),
      onNamed: ({ name, location }) =>
        ctx.emit({ type: 'terminal.changed', terminalName: name, terminalLocation: location }),
      onBundle: (version) => settings.bundleOffered?.(version),
    },
  );
  const feed = new LiveFeed((message) => link.send(message), settings.outboxBacklog);
  const help: HelpRequests = new HelpRequests({ ctx, link, feed, dispatch: settings.dispatch, currentView });
  const handovers = new Handovers(ctx, link, settings.deskHours);
  const bookings = new BookingNotices(link);
  const usage = new UsageReports(link, settings.usage, ctx.logger);
  const comments = new FeedbackComments(link);
  const gather = settings.health;
  const reporter =
    gather && given !== undefined
      ? new HealthReporter({
          send: (message) => link.send(message),
          gather,
          clock: ctx.clock,
          logger: ctx.logger,
        })
      : undefined;
  link.open();

  return {
    state: () => help.state(),
    holdsIdle: () => help.holdsIdle(),
    terminal: () => link.terminal(),
    request: (reason) => help.ask(reason),
    cancel: () => help.cancel(),
    consent: (granted) => help.consent(granted),
    stopAssist: () => help.stopAssist(),
    handover: (sessionId) => handovers.handover(sessionId),
    issuedHandover: (code) => handovers.issuedHandover(code),
    forgetHandover: () => handovers.forget(),
    bookingMade: (booking) => bookings.made(booking),
    bookingCancelled: (code) => bookings.cancelled(code),
    usageFolded: () => usage.flush(),
    feedbackComment: (comment) => comments.add(comment),
    sessionChanged(view) {
      // A session view means a new session: the previous resident's code is no longer theirs to print.
      handovers.forget();
      help.sessionChanged(view);
    },
    onCoreEvent: (event) => {
      help.onCoreEvent(event);
      reporter?.changed();
    },
    healthChanged: () => reporter?.changed(),
    fetchBundle: () => link.fetchBundle(),
    bundleKey: () => link.bundleKey,
    stop() {
      reporter?.stop();
      link.stop();
      handovers.stop();
      comments.clear();
    },
  };
}
