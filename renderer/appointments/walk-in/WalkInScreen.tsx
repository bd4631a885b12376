import { useCallback, useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../../api/bridge';
import { useKiosk } from '../../app/context';
import { useScreenFocus } from '../../app/useScreenFocus';
import { BackLink } from '../../components/BackLink';
import { BottomDock } from '../../components/BottomDock';
import { Footer } from '../../components/Footer';
import { KioskHeader } from '../../components/KioskHeader';
import { Notice } from '../../components/Notice';
import { OfficeFacts } from '../../components/OfficeDetails';
import { PrimaryButton } from '../../components/PrimaryButton';
import { officeText } from '../../offices/office-text';
import { useScreenSpeech } from '../../speech/useScreenSpeech';
import { useWalkInOffices } from './useWalkInOffices';
import { waitText, walkInOpeningText } from './walk-in-format';
import { walkInScript } from './walk-in-scripts';
import { walkInTitleKey, type WalkInStep } from './walk-in-steps';
import { WalkInPrint } from './WalkInPrint';

/**
 * "Wartenummer ziehen" from the start screen (issue 16): the offices that take walk-ins and when; a tap draws the
 * office's next number, shown large with the estimated waiting time (or plainly "not known"), the office and its
 * entrance, and printed. A closed office says when it takes walk-ins next; an outage names the office's phone.
 */
export function WalkInScreen() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const bridge = getBridge();
  const offices = useWalkInOffices() ?? [];
  const [step, setStep] = useState<WalkInStep>({ kind: 'offices' });
  const [busy, setBusy] = useState(false);
  const [pageEnd, setPageEnd] = useState<HTMLElement | null>(null);
  const officeOf = useCallback(
    (id: string) => state.catalog?.offices.offices.find((office) => office.id === id),
    [state.catalog],
  );

  // Leaving this screen in any way (back, idle reset) forgets the number in the core.
  useEffect(() => () => void bridge.call('walkIn.done', {}).catch(() => undefined), [bridge]);

  const take = async (officeId: string) => {
    setBusy(true);
    const result = await bridge.call('walkIn.take', { officeId });
    setBusy(false);
    if (!result.ok) return setStep({ kind: 'unavailable', officeId });
    const answer = result.value;
    if (answer.outcome === 'number') setStep({ kind: 'number', ticket: answer.ticket });
    else if (answer.outcome === 'closed') setStep({ kind: 'closed', officeId, opening: answer.opening });
    else setStep({ kind: 'unavailable', officeId });
  };

  const done = () => actions.reset(null);
  const back = step.kind === 'offices' ? () => actions.showWalkIn(false) : () => setStep({ kind: 'offices' });
  const title = t(walkInTitleKey[step.kind]);
  const pageKey = step.kind === 'offices' ? 'offices' : `${step.kind}:${'officeId' in step ? step.officeId : ''}`;
  const headingRef = useScreenFocus(`walkin:${pageKey}`, t('app.title', { page: title, app: t('app.name') }));
  useScreenSpeech(`walkin|${pageKey}|${offices.length}`, () => walkInScript(t, step, { offices, office: officeOf }));
  const office =
    step.kind === 'offices' ? undefined : officeOf(step.kind === 'number' ? step.ticket.officeId : step.officeId);

  return (
    <div className="page page--visit page--booking page--walk-in">
      <KioskHeader languageMenu={step.kind === 'offices'} />
      <div className="width-container">
        {step.kind !== 'number' && <BackLink onPress={back} />}
        <main className="main" id="main" aria-busy={busy}>
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          {step.kind === 'offices' &&
            (offices.length === 0 ? (
              <Notice text={t('walkIn.noOffices')} />
            ) : (
              <>
                <p className="lead">{t('walkIn.officesLead')}</p>
                <ul className="booking-days">
                  {offices.map((entry) => {
                    const shown = officeOf(entry.officeId);
                    if (!shown) return null;
                    return (
                      <li key={entry.officeId}>
                        <Button
                          className="button button--secondary booking-day"
                          isDisabled={busy}
                          onPress={() => void take(entry.officeId)}
                          data-walk-in-office={entry.officeId}
                        >
                          <span>{officeText(t, shown, 'name')}</span>
                          <span className="booking-day__free">{walkInOpeningText(t, entry.opening)}</span>
                        </Button>
                      </li>
                    );
                  })}
                </ul>
              </>
            ))}
          {step.kind === 'number' && (
            <>
              <div className="booking-booked">
                <p className="label">{t('walkIn.numberLabel')}</p>
                <p className="booking-code walk-in-number" data-testid="walk-in-number">
                  <bdi dir="ltr">{step.ticket.number}</bdi>
                </p>
                <dl className="summary-list summary-list--plain">
                  <div className="summary-list__row">
                    <dt className="summary-list__key">{t('walkIn.waitLabel')}</dt>
                    <dd className="summary-list__value" data-testid="walk-in-wait">
                      {waitText(t, step.ticket)}
                    </dd>
                  </div>
                  {office && (
                    <>
                      <div className="summary-list__row">
                        <dt className="summary-list__key">{t('walkIn.officeLabel')}</dt>
                        <dd className="summary-list__value">{officeText(t, office, 'name')}</dd>
                      </div>
                      <div className="summary-list__row">
                        <dt className="summary-list__key">{t('walkIn.entranceLabel')}</dt>
                        <dd className="summary-list__value">{officeText(t, office, 'access')}</dd>
                      </div>
                    </>
                  )}
                </dl>
              </div>
              <p>{t('walkIn.numberText')}</p>
              <WalkInPrint />
              <PrimaryButton onPress={done}>{t('walkIn.done')}</PrimaryButton>
            </>
          )}
          {step.kind === 'closed' && (
            <>
              <Notice text={`${t('walkIn.closedText')} ${walkInOpeningText(t, step.opening)}`} />
              {office && <OfficeFacts office={office} />}
              <PrimaryButton onPress={done}>{t('walkIn.done')}</PrimaryButton>
            </>
          )}
          {step.kind === 'unavailable' && (
            <>
              <Notice tone="problem" text={t('walkIn.unavailable')} />
              {office && <OfficeFacts office={office} />}
              <PrimaryButton onPress={done}>{t('walkIn.done')}</PrimaryButton>
            </>
          )}
        </main>
      </div>
      <div className="page-end" ref={setPageEnd} />
      <BottomDock helpKey="help.start" pageEnd={pageEnd} />
      <Footer />
    </div>
  );
}
