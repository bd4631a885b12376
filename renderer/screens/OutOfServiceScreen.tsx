import { useTranslation } from 'react-i18next';
import { languageEntry } from '../../contract/languages';
import { DESK_ACCESS_TEXT } from '../../contract/office-keys';
import { useKiosk } from '../app/context';
import { useScreenFocus } from '../app/useScreenFocus';
import { Footer } from '../components/Footer';
import { StartLanguageSection } from '../components/LanguageButtons';
import { SpeechBar } from '../components/SpeechBar';
import { KioskHeader } from '../components/KioskHeader';
import { outOfServiceScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/**
 * The only screen of a kiosk that takes no applications (kiosk.info's outOfService, e.g. a production
 * start without a portal configuration): it sends residents to the desk, in every language.
 */
export function OutOfServiceScreen() {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const title = t('outOfService.title');
  const headingRef = useScreenFocus('out-of-service', t('app.title', { page: title, app: t('app.name') }));
  const languages = state.info?.languages ?? [];
  useScreenSpeech('out-of-service', () => outOfServiceScript(t, languages, (code) => languageEntry(code).nativeName));
  return (
    <div className="page page--out-of-service">
      <KioskHeader languageMenu={false} />
      <div className="width-container">
        <main className="main" id="main">
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          <p className="lead">{t('outOfService.text')}</p>
          <p className="lead">{t('outOfService.desk')}</p>
          <p>{t('help.staff')}</p>
          <p>{t(DESK_ACCESS_TEXT)}</p>
          <StartLanguageSection />
        </main>
      </div>
      <SpeechBar />
      <Footer />
    </div>
  );
}
