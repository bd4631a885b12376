import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { getBridge } from '../api/bridge';
import { useKiosk } from '../app/context';
import { useScreenFocus } from '../app/useScreenFocus';
import { Footer } from '../components/Footer';
import { PrimaryButton } from '../components/PrimaryButton';
import { HandoverSlipPrint } from '../receipt/HandoverSlipPrint';
import { SpeechBar } from '../components/SpeechBar';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { spokenReference } from '../speech/spoken-text';
import { handoverScript, handoverTimes } from './assist-scripts';
import type { StoredTicket } from './context';
import { useAssist } from './context';
import { QrCode } from './QrCode';

/**
 * After continue-at-the-desk: the session is gone from the kiosk; the code
 * (large, as QR, spoken letter by letter, and printed on request) is all the
 * resident takes to the desk. It stays until "Fertig" or the idle timeout, in memory only.
 */
export function HandoverScreen({ ticket }: { ticket: StoredTicket }) {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const assist = useAssist();
  const headingRef = useScreenFocus(`handover:${ticket.code}`, t('assist.handover.title'));
  const times = handoverTimes(t, ticket);
  useScreenSpeech(`handover|${ticket.code}`, handoverScript(t, ticket.code, times));

  // The core forgets the code too, so its slip can no longer be printed (it also expires on its own).
  const finish = useCallback(() => {
    void getBridge()
      .call('handover.done', {})
      .catch(() => undefined);
    assist.clearTicket();
  }, [assist]);

  const timeoutMs = state.info?.idle.timeoutMs ?? 120_000;
  useEffect(() => {
    const timer = setTimeout(finish, timeoutMs);
    return () => clearTimeout(timer);
  }, [finish, timeoutMs]);

  return (
    <div className="page page--handover">
      <header className="session-header">
        <div className="session-header__inner">
          <p className="session-header__service">{t('app.name')}</p>
        </div>
      </header>
      <div className="width-container">
        <main className="main" id="main">
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {t('assist.handover.title')}
          </h1>
          <p className="lead">{t('assist.handover.text')}</p>
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
          <HandoverSlipPrint code={ticket.code} />
          <p>{t('assist.handover.deleted')}</p>
          <PrimaryButton onPress={finish}>{t('assist.handover.done')}</PrimaryButton>
        </main>
      </div>
      <SpeechBar />
      <Footer />
    </div>
  );
}
