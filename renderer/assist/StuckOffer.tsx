import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HelpRequestReason } from '../../contract';
import { useKiosk } from '../app/context';
import { useSpeech } from '../speech/context';
import { offerScript } from './assist-scripts';
import { useAssist } from './context';

/** "Weiter" refused this often on one step means the resident is stuck. */
export const STUCK_FAILED_ANSWERS = 3;
/** This long without a touch on a question, unless the idle warning would come first. */
export const STUCK_INACTIVE_MS = 60_000;

/**
 * "Möchten Sie Hilfe?": offered by the kiosk itself on a question when the
 * resident seems stuck, at most once per step, never as a modal (it must not
 * get in the way of someone who is just reading slowly).
 */
export function StuckOffer({ stepKey }: { stepKey: string }) {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const assist = useAssist();
  const speech = useSpeech();
  const [offer, setOffer] = useState<HelpRequestReason | null>(null);
  const failures = useRef(0);
  const firstSerial = useRef(state.errorSerial);
  const available = assist.help.status === 'idle';
  const mayOffer = available && assist.mayOffer(stepKey);

  // Each refused "Weiter" on this step bumps errorSerial.
  const { errorSerial } = state;
  useEffect(() => {
    if (errorSerial === firstSerial.current) return;
    failures.current += 1;
    if (failures.current >= STUCK_FAILED_ANSWERS && mayOffer) setOffer('stuck_errors');
  }, [errorSerial, mayOffer]);

  const idle = state.view?.idle;
  useEffect(() => {
    if (!mayOffer || !idle) return;
    const delay = Math.min(STUCK_INACTIVE_MS, idle.timeoutMs - idle.warningMs - 5_000);
    if (delay <= 0) return;
    let timer = setTimeout(() => setOffer('stuck_inactive'), delay);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setOffer('stuck_inactive'), delay);
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('pointerdown', restart, options);
    window.addEventListener('keydown', restart, options);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', restart, options);
      window.removeEventListener('keydown', restart, options);
    };
  }, [mayOffer, idle]);

  const shown = offer !== null && available;
  useEffect(() => {
    if (!shown) return;
    assist.markOffered(stepKey);
    speech.speak(offerScript(t));
    // Once per appearance.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);

  if (!shown) return null;
  return (
    <section className="notice notice--offer" aria-labelledby="stuck-offer-title">
      <span className="notice__icon" aria-hidden="true">
        ?
      </span>
      <div className="notice__body" role="status">
        <p className="notice__title" id="stuck-offer-title">
          {t('assist.offer.title')}
        </p>
        <p className="notice__text">{t('assist.offer.text')}</p>
      </div>
      <div className="button-group">
        <Button
          className="button button--primary"
          onPress={() => {
            void assist.request(offer);
            setOffer(null);
          }}
        >
          {t('assist.offer.yes')}
        </Button>
        <Button className="button button--secondary" onPress={() => setOffer(null)}>
          {t('assist.offer.no')}
        </Button>
      </div>
    </section>
  );
}
