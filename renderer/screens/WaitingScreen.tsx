import { useTranslation } from 'react-i18next';
import { useScreenFocus } from '../app/useScreenFocus';
import { SpeechBar } from '../components/SpeechBar';
import { waitingScript } from '../speech/dialog-scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/** Shown while the core cannot be reached before anything else is known. */
export function WaitingScreen() {
  const { t } = useTranslation();
  const title = t('waiting.title');
  const headingRef = useScreenFocus('waiting', t('app.title', { page: title, app: t('app.name') }));
  // Spoken like every screen; silent while the core (which makes the audio) cannot be reached.
  useScreenSpeech('waiting', waitingScript(t));
  return (
    <div className="page page--waiting">
      <main className="main waiting" id="main">
        <span className="spinner" aria-hidden="true" />
        <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        <p className="lead">{t('waiting.text')}</p>
        <p>{t('waiting.staff')}</p>
      </main>
      <SpeechBar />
    </div>
  );
}
