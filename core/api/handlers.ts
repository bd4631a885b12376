import type { Branding } from '../branding';
import {
  DEFAULT_LANGUAGE,
  LANGUAGE_CODES,
  ok,
  type ApiMethod,
  type ApiOutput,
  type Result,
  type Api,
  type OutOfServiceReason,
} from '../../contract';
import type { z } from 'zod';
import type { CoreContext } from '../sessions/context';
import { answerStep, goBack, goTo, keepAlive, removeItem, setLanguage, submit } from '../sessions/journey-actions';
import { currentSession, endSession, startSession } from '../sessions/lifecycle';
import { savePageDraft } from '../sessions/page-draft';
import { printReceipt, receiptFile, type ReceiptSettings } from '../sessions/session-receipt';
import { printSlip, slipFile } from '../sessions/handover-slip';
import { PreparedVisits } from '../sessions/prepared-visit';
import { buildView } from '../sessions/session-view';
import type { DeliveryStore } from '../outbox/delivery-store';
import { outboxStatusEntry } from '../outbox/outbox-status';
import type { SpeechService } from '../speech/speech-service';
import type { HubClient } from '../hub-client/hub-client';
import { officesStatus } from '../offices/opening';
import { catalogViews } from '../catalog/catalog-views';
import type { BookingSession } from '../appointments/booking-session';
import type { ManageBooking } from '../appointments/manage-booking';
import type { WalkIns } from '../appointments/walk-ins';
import type { UsageCounter } from '../usage/usage-counter';
import { FeedbackDesk, type FeedbackRatingSink } from '../usage/feedback-desk';

/** A handler gets the input already parsed by the contract's schema; only receipts need to wait (PDF, printer). */
export type Handlers = {
  [M in ApiMethod]: (input: z.output<Api[M]['input']>) => Result<ApiOutput<M>> | Promise<Result<ApiOutput<M>>>;
};

export interface InfoSettings {
  version: string;
  /** The town's name and coat of arms, the printer's place (core/branding.ts). */
  branding: Branding;
  mode: 'electron' | 'browser';
  deliveries: DeliveryStore;
  portalConfigured: () => boolean;
  /** Starts a delivery pass now (no-op without a portal). */
  wakeSync: () => void;
  receipts: ReceiptSettings;
  speech: SpeechService;
  hub: HubClient;
  /** Booking a time on the prepared-visit page (issue 16). */
  bookings: BookingSession;
  /** "Termin verschieben oder absagen" with the booking code (issue 16). */
  manage: ManageBooking;
  walkIns: WalkIns;
  /** The anonymous usage figures (issue 18): what only the page knows (display, speech, the rating). */
  usage: Pick<UsageCounter, 'settingsUsed' | 'feedbackGiven'>;
  /** Also told of each face of "Wie war es?" (tests observe the ratings here); the usage figures always count it. */
  ratings?: FeedbackRatingSink;
  /** Out of service (a production start without a portal configuration): no session starts, nothing is sent. */
  outOfService?: OutOfServiceReason;
}

/** What an out-of-service kiosk answers to a call that would take an application. */
function outOfServiceRefusal(reason: OutOfServiceReason) {
  return { ok: false as const, error: { code: 'forbidden' as const, detail: `kiosk out of service (${reason})` } };
}

export function createHandlers(ctx: CoreContext, info: InfoSettings): Handlers {
  const visits = new PreparedVisits(ctx, info.hub);
  const bookings = info.bookings;
  bookings.bindVisit(() => visits.onScreen());
  const feedback = new FeedbackDesk(ctx, info.hub, {
    feedbackGiven: (rating) => {
      info.usage.feedbackGiven(rating);
      info.ratings?.feedbackGiven(rating);
    },
  });
  return {
    'kiosk.info': () => {
      const terminal = info.hub.terminal();
      return ok({
        version: info.version,
        mode: info.mode,
        defaultLanguage: DEFAULT_LANGUAGE,
        languages: [...LANGUAGE_CODES],
        idle: { ...ctx.idle },
        terminalName: terminal.name,
        ...(terminal.location ? { terminalLocation: terminal.location } : {}),
        ...(info.outOfService ? { outOfService: info.outOfService } : {}),
        ...(info.manage.configured ? { appointments: true } : {}),
        ...info.branding,
      });
    },
    // Summaries on the boot path; a service's definition and texts when it is opened (core/catalog/catalog-views.ts).
    'catalog.get': () => ok(catalogViews(ctx.catalog).catalog()),
    'catalog.translations': (input) =>
      ok({ language: input.language, translations: catalogViews(ctx.catalog).translations(input.language) }),
    'catalog.service': (input) => catalogViews(ctx.catalog).service(input.serviceId, input.language),
    'offices.status': () => ok(officesStatus(ctx.catalog.offices.file.offices, ctx.clock.now())),
    'session.active': () => ok({ active: currentSession(ctx) !== undefined }),
    'session.resume': () => {
      const active = currentSession(ctx);
      if (!active) return ok(null);
      return ok(buildView(ctx, active.row, active.service, ctx.store.readAnswers(active.row)));
    },
    'session.start': (input) => {
      if (info.outOfService) return outOfServiceRefusal(info.outOfService);
      // A new resident: whatever the last one held is released, a looked-up booking code forgotten.
      void bookings.forget('next-resident');
      info.manage.forget();
      info.walkIns.forget();
      feedback.forget();
      const started = startSession(ctx, input.serviceId, input.language);
      if (!started.ok) return started;
      return ok(buildView(ctx, started.value.row, started.value.service, {}));
    },
    'session.answer': (input) => answerStep(ctx, input),
    'session.back': (input) => goBack(ctx, input),
    'session.goTo': (input) => goTo(ctx, input),
    'session.removeItem': (input) => removeItem(ctx, input),
    'session.setLanguage': (input) => setLanguage(ctx, input.sessionId, input.language),
    'session.keepAlive': (input) => keepAlive(ctx, input.sessionId),
    'session.saveDraft': (input) => savePageDraft(ctx, input),
    'session.submit': (input) => {
      if (info.outOfService) return outOfServiceRefusal(info.outOfService);
      // Read before sending wipes them: the feedback comment is stripped of what the resident typed.
      const typed = feedback.typedIn(input.sessionId);
      const sent = submit(ctx, input.sessionId);
      if (sent.ok && typed) feedback.journeyEnded(input.sessionId, sent.value.serviceId, typed);
      return sent;
    },
    'session.end': (input) => {
      feedback.forget();
      return ok({ ended: endSession(ctx, input.sessionId, input.reason) });
    },
    'session.receipt': (input) => receiptFile(ctx, info.receipts, input.sessionId, input.layout),
    'session.printReceipt': (input) => printReceipt(ctx, info.receipts, input.sessionId),
    'speech.synthesize': (input) => info.speech.synthesize(input),
    'usage.settings': ({ sessionId, ...settings }) => ok({ counted: info.usage.settingsUsed(sessionId, settings) }),
    'outbox.status': () =>
      ok({ portalConfigured: info.portalConfigured(), entries: info.deliveries.statusList().map(outboxStatusEntry) }),
    'outbox.resend': (input) => {
      const entry = info.deliveries.statusList().find((row) => row.reference === input.reference);
      const resent = entry !== undefined && info.deliveries.resend(entry.id, ctx.clock.now());
      if (resent) {
        ctx.logger.info('outbox.resend', { outboxId: entry.id });
        info.wakeSync();
      }
      return ok({ resent });
    },
    'help.request': (input) => ok(info.hub.request(input.reason)),
    'help.cancel': () => ok(info.hub.cancel()),
    'help.state': () => ok(info.hub.state()),
    'help.consent': (input) => ok(info.hub.consent(input.granted)),
    'help.stopAssist': () => ok(info.hub.stopAssist()),
    'handover.start': (input) => info.hub.handover(input.sessionId),
    'handover.slip': (input) => slipFile(ctx, info.receipts, info.hub, input.code, input.layout),
    'handover.printSlip': (input) => printSlip(ctx, info.receipts, info.hub, input.code),
    'handover.done': () => ok({ forgotten: info.hub.forgetHandover() }),
    'visit.prepare': async (input) => {
      await bookings.forget('next-resident');
      info.manage.forget();
      const typed = feedback.typedIn(input.sessionId);
      const prepared = await visits.prepare(input.sessionId);
      if (prepared.ok && typed) feedback.journeyEnded(input.sessionId, prepared.value.serviceId, typed);
      return prepared.ok ? ok({ ...prepared.value, appointments: bookings.offer(prepared.value.serviceId) }) : prepared;
    },
    'visit.receipt': (input) => visits.receipt(info.receipts, input.layout, bookings),
    'visit.printReceipt': () => visits.print(info.receipts, bookings),
    'visit.done': async () => {
      await bookings.forget('done');
      info.walkIns.forget();
      feedback.forget();
      return ok({ forgotten: visits.forget() });
    },
    'appointment.days': () => bookings.days(),
    'appointment.times': (input) => bookings.times(input.date),
    'appointment.reserve': (input) => bookings.reserve(input),
    'appointment.confirm': (input) => bookings.confirm(input),
    'appointment.release': async () => ok({ released: await bookings.release('back') }),
    'appointment.lookup': (input) => info.manage.lookup(input.code),
    'appointment.cancelManaged': () => info.manage.cancel(),
    'appointment.moveDays': () => info.manage.days(),
    'appointment.moveTimes': (input) => info.manage.times(input.date),
    'appointment.move': (input) => info.manage.move(input),
    'appointment.manageDone': () => ok({ forgotten: info.manage.forget() }),
    'appointment.manageReceipt': (input) => info.manage.receipt(info.receipts, input.layout, input.language),
    'appointment.managePrint': (input) => info.manage.print(info.receipts, input.language),
    'walkIn.offices': () => ok(info.walkIns.offices()),
    'walkIn.take': (input) => info.walkIns.take(input.officeId),
    'walkIn.receipt': (input) => info.walkIns.receipt(info.receipts, input.layout, input.language),
    'walkIn.print': (input) => info.walkIns.print(info.receipts, input.language),
    'walkIn.done': () => ok({ forgotten: info.walkIns.forget() }),
    'feedback.give': (input) => feedback.give(input),
  };
}
