import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookedTime, BookingFreeTime, FieldError, ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { getBridge } from '../api/bridge';
import { LazyOnScreenKeyboard } from '../app/journey-code';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { Footer } from '../components/Footer';
import { SpeechBar } from '../components/SpeechBar';
import { useOffice } from '../offices/useOffices';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { BookedScreen, DaysScreen, NameScreen, TimesScreen, UnavailableScreen } from './BookingSteps';
import { bookedScript, daysScript, nameScript, timesScript, unavailableScript } from './booking-scripts';

type Step =
  | { kind: 'loading' }
  | { kind: 'days'; days: { date: string; freeTimes: number }[] }
  | { kind: 'times'; date: string; times: BookingFreeTime[]; notice?: 'taken' | 'expired' }
  | { kind: 'name'; held: BookingFreeTime; date: string; errors: FieldError[] }
  | { kind: 'booked'; booking: BookedTime }
  | { kind: 'unavailable' };

/**
 * "Termin buchen" on the prepared-visit page (issue 16): the next days with free times, the times of one day as
 * large buttons by morning and afternoon, the name (on-screen keyboard; phone optional), then the booked time.
 * The core holds the reservation; this screen sees the booking code only once the time is booked.
 */
export function BookingFlow({
  service,
  onClose,
  onActivity,
}: {
  service: ServiceDefinition;
  /** Back to the visit page, with the booked time if there is one. */
  onClose: (booking?: BookedTime) => void;
  /** Each step counts as the resident's activity (the visit page's idle timer). */
  onActivity: () => void;
}) {
  const { t } = useTranslation();
  const office = useOffice(service.officeId);
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const bridge = getBridge();

  const show = useCallback(
    (next: Step) => {
      setStep(next);
      setBusy(false);
      onActivity();
    },
    [onActivity],
  );

  const loadDays = useCallback(
    () =>
      bridge.call('appointment.days', {}).then((result) => {
        if (result.ok && result.value.outcome === 'ok') show({ kind: 'days', days: result.value.days });
        else show({ kind: 'unavailable' });
      }),
    [bridge, show],
  );

  useEffect(() => {
    let live = true;
    void bridge.call('appointment.days', {}).then((result) => {
      if (!live) return;
      if (result.ok && result.value.outcome === 'ok') show({ kind: 'days', days: result.value.days });
      else show({ kind: 'unavailable' });
    });
    return () => {
      live = false;
    };
    // Once, when the flow opens; "Zurück" from the times calls loadDays itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const chooseDay = async (date: string, notice?: 'expired') => {
    setBusy(true);
    const result = await bridge.call('appointment.times', { date });
    if (result.ok && result.value.outcome === 'ok') {
      show({ kind: 'times', date, times: result.value.times, ...(notice ? { notice } : {}) });
    } else show({ kind: 'unavailable' });
  };

  const chooseTime = async (date: string, time: BookingFreeTime) => {
    setBusy(true);
    const result = await bridge.call('appointment.reserve', time);
    if (!result.ok) return show({ kind: 'unavailable' });
    const answer = result.value;
    if (answer.outcome === 'held') show({ kind: 'name', held: answer.held, date, errors: [] });
    else if (answer.outcome === 'taken') show({ kind: 'times', date, times: answer.times, notice: 'taken' });
    else show({ kind: 'unavailable' });
  };

  const confirm = async (held: BookingFreeTime, date: string, familyName: string, telephone: string) => {
    setBusy(true);
    const result = await bridge.call('appointment.confirm', {
      familyName,
      ...(telephone.trim() ? { telephone } : {}),
    });
    if (!result.ok) {
      if (result.error.code === 'validation') {
        return show({ kind: 'name', held, date, errors: result.error.fieldErrors ?? [] });
      }
      return show({ kind: 'unavailable' });
    }
    const answer = result.value;
    if (answer.outcome === 'booked') show({ kind: 'booked', booking: answer.booking });
    else if (answer.outcome === 'expired') await chooseDay(date, 'expired');
    else show({ kind: 'unavailable' });
  };

  /** "Zurück" from the name: the held time is released at once, then the day's times again. */
  const backFromName = async (date: string) => {
    setBusy(true);
    await bridge.call('appointment.release', {}).catch(() => undefined);
    await chooseDay(date);
  };

  const title =
    step.kind === 'days' || step.kind === 'loading'
      ? t('booking.daysTitle')
      : step.kind === 'times'
        ? t('booking.timesTitle')
        : step.kind === 'name'
          ? t('booking.nameTitle')
          : step.kind === 'booked'
            ? t('booking.doneTitle')
            : t('booking.unavailableTitle');
  const pageKey = step.kind === 'times' ? `times:${step.date}:${step.notice ?? ''}` : step.kind;
  const headingRef = useScreenFocus(
    `booking:${pageKey}`,
    t('app.titleWithService', {
      page: title,
      service: t(service.titleKey, { ns: serviceNamespace(service.id) }),
      app: t('app.name'),
    }),
  );
  useScreenSpeech(`booking|${pageKey}`, () => {
    switch (step.kind) {
      case 'loading':
        return [];
      case 'days':
        return daysScript(t, step.days);
      case 'times':
        return timesScript(t, step.date, step.times, step.notice === 'taken');
      case 'name':
        return nameScript(t, step.held);
      case 'booked':
        return bookedScript(t, step.booking, office);
      case 'unavailable':
        return unavailableScript(t, office);
    }
  });

  const back =
    step.kind === 'times'
      ? () => void loadDays()
      : step.kind === 'name'
        ? () => void backFromName(step.date)
        : step.kind === 'booked'
          ? undefined
          : () => onClose();

  return (
    <div className="page page--visit page--booking">
      <header className="session-header">
        <div className="session-header__inner">
          <p className="session-header__service">{t(service.titleKey, { ns: serviceNamespace(service.id) })}</p>
        </div>
      </header>
      <div className="width-container">
        {back && <BackLink onPress={back} />}
        <main className="main" id="main" aria-busy={busy || step.kind === 'loading'}>
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          {step.kind === 'loading' && <p>{t('nav.working')}</p>}
          {step.kind === 'days' && (
            <DaysScreen days={step.days} busy={busy} onChoose={(date) => void chooseDay(date)} office={office} />
          )}
          {step.kind === 'times' && (
            <TimesScreen
              date={step.date}
              times={step.times}
              notice={step.notice}
              busy={busy}
              onChoose={(time) => void chooseTime(step.date, time)}
            />
          )}
          {step.kind === 'name' && (
            <NameScreen
              held={step.held}
              errors={step.errors}
              busy={busy}
              onActivity={onActivity}
              onConfirm={(name, phone) => void confirm(step.held, step.date, name, phone)}
            />
          )}
          {step.kind === 'booked' && (
            <BookedScreen booking={step.booking} office={office} onDone={() => onClose(step.booking)} />
          )}
          {step.kind === 'unavailable' && <UnavailableScreen office={office} onDone={() => onClose()} />}
        </main>
      </div>
      {step.kind === 'name' && (
        <Suspense fallback={null}>
          <LazyOnScreenKeyboard />
        </Suspense>
      )}
      <SpeechBar />
      <Footer />
    </div>
  );
}
