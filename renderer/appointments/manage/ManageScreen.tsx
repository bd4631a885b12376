import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookingFreeTime, ManagedBooking } from '../../../contract';
import { DESK_OFFICE_ID } from '../../../contract/office-keys';
import { serviceNamespace } from '../../../contract/namespaces';
import { getBridge } from '../../api/bridge';
import { useKiosk } from '../../app/context';
import { LazyOnScreenKeyboard } from '../../app/journey-code';
import { useScreenFocus } from '../../app/useScreenFocus';
import { BackLink } from '../../components/BackLink';
import { BottomDock } from '../../components/BottomDock';
import { Footer } from '../../components/Footer';
import { KioskHeader } from '../../components/KioskHeader';
import { Notice } from '../../components/Notice';
import { OfficeFacts } from '../../components/OfficeDetails';
import { useOffice } from '../../offices/useOffices';
import { useScreenSpeech } from '../../speech/useScreenSpeech';
import { BookedFacts, DaysScreen, TimesScreen } from '../BookingSteps';
import { useHasCamera } from './camera';
import { CameraScan } from './CameraScan';
import { manageScript, type CameraState } from './manage-scripts';
import { stepTitleKey, type ManageStep } from './manage-steps';
import { ManageReceiptPrint } from './ManageReceiptPrint';
import { CameraButton } from './CameraButton';
import { CodeForm, ConfirmCancel, DoneButton, FoundBooking } from './ManageParts';

/**
 * "Termin verschieben oder absagen" from the start screen (issue 16): the resident types the booking code from
 * their checklist; the core looks the booking up and keeps it for this resident only. Cancel needs a second,
 * plain "Ja"; moving uses the booking's day list and time buttons and books before it cancels.
 */
export function ManageScreen() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const bridge = getBridge();
  const [step, setStep] = useState<ManageStep>({ kind: 'code' });
  const [busy, setBusy] = useState(false);
  // Each try of a code is a page of its own: the same problem twice is said (and focused) again.
  const [attempt, setAttempt] = useState(0);
  const [pageEnd, setPageEnd] = useState<HTMLElement | null>(null);
  // The code read from a QR code (issue 16): only with a camera, and unless the terminal turns it off.
  const hasCamera = useHasCamera(state.info?.codeCamera !== false);
  const [camera, setCamera] = useState<CameraState>('closed');
  const [otherQr, setOtherQr] = useState(0);
  const [scanned, setScanned] = useState<string>();
  const booking = 'booking' in step ? step.booking : undefined;
  const service = state.catalog?.services.find((candidate) => candidate.id === booking?.serviceId);
  const office = useOffice(service?.officeId ?? '');
  const desk = useOffice(DESK_OFFICE_ID);
  const serviceName = service ? t(service.titleKey, { ns: serviceNamespace(service.id) }) : undefined;

  // Leaving this screen in any way (back, idle reset) forgets the looked-up code in the core.
  useEffect(() => () => void bridge.call('appointment.manageDone', {}).catch(() => undefined), [bridge]);

  const show = useCallback((next: ManageStep) => {
    setStep(next);
    setBusy(false);
    setCamera('closed');
  }, []);

  const openCamera = () => {
    setOtherQr(0);
    setCamera('open');
  };
  const scannedCode = (code: string) => {
    setScanned(code);
    setCamera('closed');
    void find(code);
  };

  const find = async (code: string) => {
    setBusy(true);
    setAttempt((value) => value + 1);
    const result = await bridge.call('appointment.lookup', { code });
    if (!result.ok)
      return show({ kind: 'code', problem: result.error.code === 'validation' ? 'malformed' : 'notFound' });
    const answer = result.value;
    if (answer.outcome === 'found') show({ kind: 'found', booking: answer.booking });
    else if (answer.outcome === 'unavailable') show({ kind: 'unavailable' });
    else {
      const problem = { 'not-found': 'notFound', 'wrong-key': 'wrongKey', 'rate-limited': 'rateLimited' } as const;
      show({ kind: 'code', problem: problem[answer.outcome] });
    }
  };

  const cancel = async () => {
    setBusy(true);
    const result = await bridge.call('appointment.cancelManaged', {});
    if (!result.ok || result.value.outcome === 'unavailable') return show({ kind: 'unavailable' });
    if (result.value.outcome === 'cancelled') show({ kind: 'cancelled' });
    else show({ kind: 'code', problem: 'notFound' });
  };

  const loadDays = async (current: ManagedBooking) => {
    setBusy(true);
    const result = await bridge.call('appointment.moveDays', {});
    if (result.ok && result.value.outcome === 'ok') show({ kind: 'days', booking: current, days: result.value.days });
    else show({ kind: 'unavailable' });
  };

  const chooseDay = async (current: ManagedBooking, date: string) => {
    setBusy(true);
    const result = await bridge.call('appointment.moveTimes', { date });
    if (result.ok && result.value.outcome === 'ok') {
      show({ kind: 'times', booking: current, date, times: result.value.times });
    } else show({ kind: 'unavailable' });
  };

  const chooseTime = async (current: ManagedBooking, date: string, time: BookingFreeTime) => {
    setBusy(true);
    const result = await bridge.call('appointment.move', time);
    if (!result.ok) return show({ kind: 'unavailable' });
    const answer = result.value;
    if (answer.outcome === 'moved') show({ kind: 'moved', booking: answer.booking, oldCancelled: answer.oldCancelled });
    else if (answer.outcome === 'taken')
      show({ kind: 'times', booking: current, date, times: answer.times, taken: true });
    else if (answer.outcome === 'kept') show({ kind: 'kept', booking: current });
    else show({ kind: 'unavailable' });
  };

  const close = () => actions.showManage(false);
  // "Fertig": the resident is done; the next one starts from a fresh start screen.
  const done = () => actions.reset(null);
  const back = (() => {
    switch (step.kind) {
      case 'code':
        return close;
      case 'found':
        return () => show({ kind: 'code' });
      case 'confirmCancel':
      case 'days':
        return () => show({ kind: 'found', booking: step.booking });
      case 'times':
        return () => void loadDays(step.booking);
      default:
        return undefined;
    }
  })();

  const title = t(stepTitleKey[step.kind]);
  const pageKey =
    step.kind === 'code'
      ? `code:${step.problem ? `${step.problem}:${attempt}` : ''}`
      : step.kind === 'times'
        ? `times:${step.date}:${step.taken ? 'taken' : ''}`
        : step.kind;
  const headingRef = useScreenFocus(`manage:${pageKey}`, t('app.title', { page: title, app: t('app.name') }));
  // The camera opening or closing is not a new page (the focus goes to the preview, then back to its button),
  // but it is spoken anew, as is each QR code that is not a booking code.
  const speechKey = step.kind === 'code' ? `${pageKey}|${camera}:${camera === 'open' ? otherQr : ''}` : pageKey;
  useScreenSpeech(`manage|${speechKey}`, () =>
    manageScript(t, step, { office, desk, service: serviceName, camera, otherQr: otherQr > 0 }),
  );

  return (
    <div className="page page--visit page--booking page--manage">
      <KioskHeader languageMenu={step.kind === 'code'} />
      <div className="width-container">
        {back && <BackLink onPress={back} />}
        <main className="main" id="main" aria-busy={busy}>
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          {step.kind === 'code' && (
            <CodeForm
              problem={step.problem}
              busy={busy}
              onActivity={() => undefined}
              onFind={(code) => void find(code)}
              scanned={scanned}
              camera={
                hasCamera &&
                (camera === 'open' ? (
                  <CameraScan
                    onCode={scannedCode}
                    onClose={() => setCamera('closedByResident')}
                    onFailed={() => setCamera('failed')}
                    onNotBookingCode={() => setOtherQr((count) => count + 1)}
                    notBookingCode={otherQr > 0}
                  />
                ) : (
                  <CameraButton failed={camera === 'failed'} focus={camera !== 'closed'} onOpen={openCamera} />
                ))
              }
            />
          )}
          {step.kind === 'found' && (
            <FoundBooking
              booking={step.booking}
              office={office}
              service={serviceName}
              busy={busy}
              onMove={() => void loadDays(step.booking)}
              onCancel={() => show({ kind: 'confirmCancel', booking: step.booking })}
            />
          )}
          {step.kind === 'confirmCancel' && (
            <>
              <BookedFacts booking={step.booking} office={office} />
              <ConfirmCancel
                busy={busy}
                onYes={() => void cancel()}
                onNo={() => show({ kind: 'found', booking: step.booking })}
              />
            </>
          )}
          {step.kind === 'cancelled' && (
            <>
              <Notice text={t('manageBooking.cancelledText')} />
              <DoneButton onDone={done} />
            </>
          )}
          {step.kind === 'days' && (
            <DaysScreen
              days={step.days}
              busy={busy}
              office={office}
              onChoose={(date) => void chooseDay(step.booking, date)}
            />
          )}
          {step.kind === 'times' && (
            <TimesScreen
              date={step.date}
              times={step.times}
              notice={step.taken ? 'taken' : undefined}
              busy={busy}
              onChoose={(time) => void chooseTime(step.booking, step.date, time)}
            />
          )}
          {step.kind === 'moved' && (
            <>
              {!step.oldCancelled && <Notice tone="problem" text={t('manageBooking.oldNotCancelled')} />}
              <BookedFacts booking={step.booking} office={office} />
              <p>{t('manageBooking.movedText')}</p>
              <ManageReceiptPrint />
              <DoneButton onDone={done} />
            </>
          )}
          {step.kind === 'kept' && (
            <>
              <Notice tone="problem" text={t('manageBooking.kept')} />
              <BookedFacts booking={step.booking} office={office} />
              <DoneButton onDone={done} />
            </>
          )}
          {step.kind === 'unavailable' && (
            <>
              <Notice tone="problem" text={t('manageBooking.unavailable')} />
              {desk && <OfficeFacts office={desk} />}
              <DoneButton onDone={done} />
            </>
          )}
        </main>
      </div>
      <div className="page-end" ref={setPageEnd} />
      <BottomDock helpKey="help.start" pageEnd={pageEnd} />
      <Footer />
      {step.kind === 'code' && (
        <Suspense fallback={null}>
          <LazyOnScreenKeyboard />
        </Suspense>
      )}
    </div>
  );
}
