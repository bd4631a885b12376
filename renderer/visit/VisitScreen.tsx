import { Suspense, useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { BookedTime, PreparedVisit, ServiceDefinition } from '../../contract';
import { BookingFlow } from '../appointments/BookingFlow';
import { BookedFacts } from '../appointments/BookingSteps';
import { visitBookingScript } from '../appointments/booking-scripts';
import { useVisitWalkIn } from '../appointments/walk-in/useVisitWalkIn';
import { WalkInVisitPanel, walkInVisitScript } from '../appointments/walk-in/WalkInVisitPanel';
import { selectParts } from '../../contract/journey';
import { serviceNamespace } from '../../contract/namespaces';
import { getBridge } from '../api/bridge';
import { useKiosk } from '../app/context';
import { useScreenFocus } from '../app/useScreenFocus';
import { handoverTimes } from '../assist/assist-scripts';
import { useAssist } from '../assist/context';
import { QrCode } from '../assist/QrCode';
import { CostSummary } from '../components/CostSummary';
import { Footer } from '../components/Footer';
import { Notice } from '../components/Notice';
import { OfficeDetails } from '../components/OfficeDetails';
import { useOffice } from '../offices/useOffices';
import { PrimaryButton } from '../components/PrimaryButton';
import { SpeechBar } from '../components/SpeechBar';
import { spokenReference } from '../speech/spoken-text';
import { visitScript } from './visit-script';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { VisitReceiptPrint } from './VisitReceiptPrint';
import { LazyOnScreenKeyboard } from '../app/journey-code';
import { FeedbackQuestion } from '../feedback/FeedbackQuestion';
import { feedbackChangeScript, feedbackScript } from '../feedback/feedback-scripts';
import { useFeedback } from '../feedback/useFeedback';

/**
 * The end of an in-person service (issue 15): this must be done in person, here is what to bring, here is
 * what the kiosk prepared (the desk's code, when the hub took the answers). The session is already gone;
 * this page lives in memory until "Fertig" or the idle timeout, like the handover screen.
 */
export function VisitScreen({ visit, service }: { visit: PreparedVisit; service: ServiceDefinition }) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const assist = useAssist();
  const namespace = serviceNamespace(service.id);
  const tn = (key: string) => t(key, { ns: namespace });
  const title = t('visit.title');
  const headingRef = useScreenFocus(
    `visit:${visit.preparedAt}`,
    t('app.titleWithService', { page: title, service: tn(service.titleKey), app: t('app.name') }),
  );
  const applies = selectParts(service, visit.parts);
  const ticket = visit.ticket.stored ? visit.ticket : null;
  const times = ticket ? handoverTimes(t, ticket) : [];
  const office = useOffice(service.officeId);
  // Booking a time (issue 16): the flow replaces the page while it runs; the booked time shows here after.
  const [booking, setBooking] = useState(false);
  const [booked, setBooked] = useState<BookedTime | undefined>(undefined);
  const [activity, setActivity] = useState(0);
  const onActivity = useCallback(() => setActivity((count) => count + 1), []);
  const script = visitScript(t, service, visit, applies, times, office);
  // A waiting number where the office takes walk-ins now (issue 16), spoken after the booking.
  const walkIn = useVisitWalkIn(service.officeId);
  const bookingLines = [...visitBookingScript(t, visit.appointments, booked, office), ...walkInVisitScript(t, walkIn)];
  // Spoken after the code (or its absence), before what to bring.
  const at = script.findIndex((line) => line.text === t('visit.bringHeading'));
  // "Wie war es?" (issue 18): typing a comment keeps the page, as any tap does.
  const feedback = useFeedback(onActivity);
  const feedbackChanged = feedback.stage !== 'ask' || feedback.rating !== null;
  useScreenSpeech(
    `visit|${visit.preparedAt}|${booking ? 'booking' : (booked?.code ?? '')}|${walkIn.outcome?.outcome ?? ''}|${feedback.stage}|${feedback.rating ?? ''}`,
    [
      ...(at < 0 ? [...script, ...bookingLines] : [...script.slice(0, at), ...bookingLines, ...script.slice(at)]),
      ...feedbackScript(t, feedback.stage, feedback.rating),
    ],
    feedbackChanged ? feedbackChangeScript(t, feedback.stage, feedback.rating) : undefined,
  );

  // The core forgets the visit and its code, so nothing more can be printed; the next resident starts afresh.
  const finish = useCallback(() => {
    void getBridge()
      .call('visit.done', {})
      .catch(() => undefined);
    assist.clearVisit();
    actions.reset(null);
  }, [assist, actions]);

  const timeoutMs = state.info?.idle.timeoutMs ?? 120_000;
  useEffect(() => {
    const timer = setTimeout(finish, timeoutMs);
    return () => clearTimeout(timer);
  }, [finish, timeoutMs, activity]);

  if (booking) {
    return (
      <BookingFlow
        service={service}
        onActivity={onActivity}
        onClose={(done) => {
          if (done) setBooked(done);
          setBooking(false);
          onActivity();
        }}
      />
    );
  }

  return (
    <div className="page page--visit">
      <header className="session-header">
        <div className="session-header__inner">
          <p className="session-header__service">{tn(service.titleKey)}</p>
        </div>
      </header>
      <div className="width-container">
        <main className="main" id="main">
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          <p className="lead">{t('visit.lead')}</p>

          {ticket ? (
            <>
              <h2 className="section-heading">{t('visit.codeHeading')}</h2>
              <p>{t('visit.codeText')}</p>
              <p
                className="handover-code"
                aria-label={`${t('assist.handover.codeLabel')}: ${spokenReference(ticket.code)}`}
              >
                <bdi dir="ltr">{ticket.code}</bdi>
              </p>
              <QrCode rows={ticket.qr} label={t('assist.handover.qrLabel')} />
              {times.map((line) => (
                <p key={line} className="handover-time">
                  {line}
                </p>
              ))}
            </>
          ) : (
            <Notice text={t('visit.noCode')} />
          )}
          {booked ? (
            <>
              <h2 className="section-heading">{t('booking.bookedHeading')}</h2>
              <BookedFacts booking={booked} office={office} />
            </>
          ) : visit.appointments === 'bookable' ? (
            <>
              <h2 className="section-heading">{t('booking.heading')}</h2>
              <p>{t('booking.actionText')}</p>
              <Button className="button button--secondary" onPress={() => setBooking(true)} data-guide="book">
                {t('booking.action')}
              </Button>
            </>
          ) : visit.appointments === 'off' ? (
            <>
              <h2 className="section-heading">{t('booking.heading')}</h2>
              <Notice text={t('booking.off')} />
            </>
          ) : null}
          <WalkInVisitPanel walkIn={walkIn} />
          <VisitReceiptPrint />

          <h2 className="section-heading">{t('visit.bringHeading')}</h2>
          {applies.documentKeys.length > 0 ? (
            <ul className="list list--bullet visit-checklist">
              {applies.documentKeys.map((key) => (
                <li key={key}>{tn(key)}</li>
              ))}
            </ul>
          ) : (
            <p>{t('visit.nothingToBring')}</p>
          )}

          <h2 className="section-heading" id="visit-fees-heading">
            {t('visit.feesHeading')}
          </h2>
          <CostSummary fees={applies.fees} namespace={namespace} showTotal headingId="visit-fees-heading" />

          <OfficeDetails officeId={service.officeId} />

          {applies.nextStepKeys.length > 0 && (
            <>
              <h2 className="section-heading">{t('visit.nextHeading')}</h2>
              <ul className="list list--bullet">
                {applies.nextStepKeys.map((key) => (
                  <li key={key}>{tn(key)}</li>
                ))}
              </ul>
            </>
          )}

          <FeedbackQuestion feedback={feedback} />

          <p>{t('visit.deleted')}</p>
          <PrimaryButton onPress={finish}>{t('visit.done')}</PrimaryButton>
        </main>
      </div>
      {/* The journey's keyboard is gone with its session: this page brings its own for the comment. */}
      {feedback.stage === 'comment' && (
        <Suspense fallback={null}>
          <LazyOnScreenKeyboard />
        </Suspense>
      )}
      <SpeechBar />
      <Footer />
    </div>
  );
}
