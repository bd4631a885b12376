import { randomUUID } from 'node:crypto';
import {
  SessionViewSchema,
  type HelpRequestReason,
  type HelpState,
  type KioskEvent,
  type SessionEndReason,
  type SessionView,
} from '../../contract';
import { errorClass } from '../logging';
import type { HelpRequestBody } from '../../contract/hub';
import type { CoreContext } from '../sessions/context';
import { activityOf } from './activity';
import type { HubLink, HubMessage } from './hub-link';
import type { LiveFeed } from './live-feed';
import { relayTakeover, type CoreDispatch } from './takeover';

type Phase = 'waiting' | 'accepted' | 'consent' | 'viewing' | 'takeover';

/** Messages about the open request (a handover's confirmation goes elsewhere). */
export type RequestMessage = Exclude<
  HubMessage,
  { type: 'handover.stored' | 'usage.stored' | 'usage.refused' | 'feedback.stored' | 'catalogue.bundle' }
>;

export interface HelpRequestParts {
  ctx: CoreContext;
  link: Pick<HubLink, 'available' | 'status' | 'send'>;
  feed: LiveFeed;
  dispatch: CoreDispatch;
  currentView(): SessionView | null;
}

/**
 * The resident's help request and how far staff have come with it: waiting, accepted, asking for
 * consent, viewing, taking over. In memory only; an open request goes again in every hello.
 */
export class HelpRequests {
  private current: HelpRequestBody | undefined;
  private phase: Phase | undefined;
  private staffName: string | undefined;
  /** What holdsIdle() said at the last change: its end starts the idle timeout afresh. */
  private held = false;

  constructor(private readonly parts: HelpRequestParts) {}

  state(): HelpState {
    const hub = this.parts.link.status();
    const { current: request, phase, staffName } = this;
    if (!request || !phase) return { status: hub === 'online' ? 'idle' : 'unavailable', hub };
    return {
      status: phase,
      hub,
      since: request.since,
      reason: request.reason,
      ...(staffName && phase !== 'waiting' ? { staffName } : {}),
    };
  }

  changed(): void {
    const held = this.holdsIdle();
    // First the fresh clock, then the state: the renderer must never see the hold end with an old clock.
    if (this.held && !held) this.restartIdle();
    this.held = held;
    this.parts.ctx.emit({ type: 'help.changed', state: this.state() });
  }

  /**
   * While a request is open and the hub has it, someone is coming: the idle timeout does not run
   * (core/sessions/lifecycle.ts asks this). Not while the hub is out of reach: nobody may know of the
   * call then, and a session must not stay on a public terminal without end.
   */
  holdsIdle(): boolean {
    return this.current !== undefined && this.parts.link.status() === 'online';
  }

  /** The request ended (or the hub went away): the normal timeout starts again from its beginning. */
  private restartIdle(): void {
    const { ctx } = this.parts;
    // Not currentSession(): its sweep would see the old clock, without the hold, and wipe.
    const row = ctx.store.all()[0];
    if (!row) return;
    ctx.store.touch(row.id, ctx.clock.now());
    ctx.logger.info('help.idle_restarted', { sessionId: row.id });
    ctx.emit({
      type: 'session.idle',
      sessionId: row.id,
      idle: { remainingMs: ctx.idle.timeoutMs, timeoutMs: ctx.idle.timeoutMs, warningMs: ctx.idle.warningMs },
    });
  }

  /** For the hello: what the hub must not lose on a reconnect. */
  openRequests(): HelpRequestBody[] {
    return this.current ? [this.current] : [];
  }

  // ---- the resident --------------------------------------------------------------------------------------

  ask(reason: HelpRequestReason): HelpState {
    const { ctx, link } = this.parts;
    if (!link.available) return this.state();
    if (!this.current) {
      this.current = {
        requestId: randomUUID(),
        reason,
        activity: activityOf(this.parts.currentView()),
        since: new Date(ctx.clock.now()).toISOString(),
      };
      this.phase = 'waiting';
      // Offline, it goes with the next hello.
      link.send({ type: 'help.request', request: this.current });
      ctx.logger.info('help.requested', { reason });
      this.changed();
    }
    return this.state();
  }

  cancel(): HelpState {
    if (this.current) {
      this.endAssist('resident');
      this.parts.link.send({ type: 'help.cancel', requestId: this.current.requestId });
      this.clear();
      this.changed();
    }
    return this.state();
  }

  consent(granted: boolean): HelpState {
    if (this.current && this.phase === 'consent') {
      this.parts.link.send({ type: 'consent.answer', requestId: this.current.requestId, granted });
      this.phase = granted ? 'viewing' : 'accepted';
      this.parts.ctx.logger.info('help.consent', { status: granted ? 'granted' : 'declined' });
      this.changed();
      if (granted) this.sendSnapshot(this.parts.currentView());
    }
    return this.state();
  }

  stopAssist(): HelpState {
    if (this.current && (this.consented() || this.phase === 'consent')) {
      this.endAssist('resident');
      this.changed();
    }
    return this.state();
  }

  // ---- the session ---------------------------------------------------------------------------------------

  sessionChanged(view: SessionView): void {
    this.parts.feed.activity(view);
    this.sendSnapshot(view);
  }

  onCoreEvent(event: KioskEvent): void {
    if (event.type !== 'session.ended') return;
    this.parts.feed.activity(null);
    if (!this.current) return;
    // The resident's session end stops any assist; someone who walked away needs no one.
    if (this.consented() || this.phase === 'consent') {
      this.endAssist('session_end');
      this.changed();
    }
    if (event.reason === 'idle' || event.reason === ('startup' satisfies SessionEndReason)) {
      this.parts.link.send({ type: 'help.cancel', requestId: this.current.requestId });
      this.clear();
      this.changed();
    }
  }

  // ---- the hub -------------------------------------------------------------------------------------------

  onOnline(online: boolean): void {
    // Consent lasts for one connection: after a gap staff must ask again.
    if (!online && this.consented()) this.endAssist(null);
    if (online) this.parts.feed.activityInHello(this.parts.currentView());
    this.changed();
  }

  onRevoked(): void {
    this.clear();
    this.changed();
  }

  onMessage(message: RequestMessage): void {
    const { ctx } = this.parts;
    // Everything here is about the open request; a stale one (cancelled, resolved) is ignored.
    if (!this.current || message.requestId !== this.current.requestId) {
      ctx.logger.info('hub.stale_message', { code: message.type });
      return;
    }
    switch (message.type) {
      case 'help.queued':
        if (this.phase === 'waiting') return;
        // Back in the queue: the staff member who took it has gone (their console closed). Any live view
        // ends (the hub has ended it too), and the banner says again that help is on its way.
        this.endAssist(null);
        this.phase = 'waiting';
        this.staffName = undefined;
        break;
      case 'help.accepted':
        this.staffName = message.staffName;
        if (this.phase === 'waiting') this.phase = 'accepted';
        break;
      case 'help.resolved':
        this.clear();
        break;
      case 'consent.request':
        if (this.phase !== 'accepted' && this.phase !== 'waiting') return;
        this.staffName = message.staffName;
        this.phase = 'consent';
        break;
      case 'live.end':
        this.endAssist(null);
        break;
      case 'guide.highlight':
        if (this.phase === 'waiting') return;
        ctx.emit({ type: 'guide.highlight', target: message.target });
        this.staffActed();
        return;
      case 'takeover.start':
        // Taking over needs the resident's "Ja" first.
        if (this.phase !== 'viewing') return;
        this.staffName = message.staffName;
        this.phase = 'takeover';
        break;
      case 'takeover.end':
        if (this.phase === 'takeover') this.phase = 'viewing';
        break;
      case 'takeover.answer':
      case 'takeover.navigate':
        relayTakeover(message, this.current.requestId, {
          allowed: this.phase === 'takeover',
          dispatch: this.parts.dispatch,
          currentView: () => this.parts.currentView(),
          send: (reply) => this.parts.link.send(reply),
          ctx,
          // A refused command (an invalid answer) moved nothing, but staff were there all the same.
          onRefused: () => this.staffActed(),
        });
        return;
    }
    this.changed();
  }

  /**
   * Staff pointing at a control or filling in counts as someone being there: the session's idle clock starts
   * again, and the renderer gets the fresh clock, so its countdown (and an open idle warning) follows. Only staff
   * actions do: a resident who walks away while staff merely watch still gets the warning and the wipe.
   */
  private staffActed(): void {
    // Only with the resident's "Ja": a hub must not be able to hold a session open on its own.
    if (!this.consented()) return;
    const view = this.parts.currentView();
    if (!view) return;
    const { ctx } = this.parts;
    this.parts.dispatch('session.keepAlive', { sessionId: view.sessionId }).then(
      (result) => {
        if (!result.ok) return;
        const fresh = SessionViewSchema.parse(result.value);
        // Only the clock: a page the resident moved on from meanwhile must not come back.
        ctx.emit({ type: 'session.idle', sessionId: fresh.sessionId, idle: fresh.idle });
      },
      (error: unknown) => ctx.logger.error('hub.keep_alive_failed', { errorClass: errorClass(error) }),
    );
  }

  private consented(): boolean {
    return this.phase === 'viewing' || this.phase === 'takeover';
  }

  private sendSnapshot(view: SessionView | null): void {
    if (!this.current || !this.consented() || !view) return;
    this.parts.feed.snapshot(this.current.requestId, view);
  }

  /** Live view and takeover end; the help request stays (staff still comes). */
  private endAssist(by: 'resident' | 'session_end' | null): void {
    const { current: request, phase } = this;
    if (request && this.consented() && by)
      this.parts.link.send({ type: 'live.stopped', requestId: request.requestId, by });
    if (request && phase === 'consent' && by)
      this.parts.link.send({ type: 'consent.answer', requestId: request.requestId, granted: false });
    if (phase && phase !== 'waiting') this.phase = 'accepted';
    this.parts.feed.resetSnapshot();
  }

  private clear(): void {
    this.current = undefined;
    this.phase = undefined;
    this.staffName = undefined;
    this.parts.feed.resetSnapshot();
  }
}
