import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/context';
import { useScreenFocus } from '../app/useScreenFocus';
import { Footer } from '../components/Footer';
import { PrimaryButton } from '../components/PrimaryButton';
import { SpeechBar } from '../components/SpeechBar';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { countingScript, COUNTING_SECTIONS } from './counting-script';

/**
 * "Was wir zählen" (issue 18), linked small from the start screen: what the kiosk counts, what is published and
 * what is never recorded, in plain words (Leichte Sprache in de-x-ls). Back to the start after the idle timeout.
 */
export function CountingScreen({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const title = t('counting.title');
  const headingRef = useScreenFocus('counting', t('app.title', { page: title, app: t('app.name') }));
  useScreenSpeech('counting', countingScript(t));
  const timeoutMs = state.info?.idle.timeoutMs ?? 120_000;
  useEffect(() => {
    const timer = setTimeout(onBack, timeoutMs);
    return () => clearTimeout(timer);
  }, [onBack, timeoutMs]);

  return (
    <div className="page page--counting">
      <header className="session-header">
        <div className="session-header__inner">
          <p className="session-header__service">{t('app.name')}</p>
        </div>
      </header>
      <div className="width-container">
        <main className="main" id="main">
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          <p className="lead">{t('counting.lead')}</p>
          {COUNTING_SECTIONS.map(({ heading, items }) => (
            <section key={heading} aria-labelledby={`counting-${heading}`}>
              <h2 className="section-heading" id={`counting-${heading}`}>
                {t(`counting.${heading}`)}
              </h2>
              <ul className="list list--bullet">
                {items.map((item) => (
                  <li key={item}>{t(`counting.${item}`)}</li>
                ))}
              </ul>
            </section>
          ))}
          <PrimaryButton onPress={onBack}>{t('counting.back')}</PrimaryButton>
        </main>
      </div>
      <SpeechBar />
      <Footer />
    </div>
  );
}
