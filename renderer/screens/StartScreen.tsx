import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageEntry } from '../../contract/languages';
import { useKiosk } from '../app/context';
import { afterNextPaint } from '../app/after-paint';
import { markFirstScreenPainted } from '../app/first-screen-mark';
import { prefetchJourneyCode } from '../app/journey-code';
import { useScreenFocus } from '../app/useScreenFocus';
import { Footer } from '../components/Footer';
import { DisplayMenu } from '../display/DisplayMenu';
import { BottomDock } from '../components/BottomDock';
import { LanguageButtons } from '../components/LanguageButtons';
import { Notice } from '../components/Notice';
import { ServiceTile } from '../components/ServiceTile';
import { OfficesEntry } from '../offices/OfficesEntry';
import { startNoticeScript, startScript } from '../speech/scripts';
import { useAttractSpeech } from '../speech/useAttractSpeech';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/** Attract and start screen: welcome, language, services. */
export function StartScreen() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const [pageEnd, setPageEnd] = useState<HTMLElement | null>(null);
  const title = t('start.title');
  const headingRef = useScreenFocus('start', t('app.title', { page: title, app: t('app.name') }));
  const services = [...(state.catalog?.services ?? [])].sort((a, b) => a.order - b.order);
  const hasServices = services.length > 0;
  useEffect(() => {
    if (!hasServices) return;
    markFirstScreenPainted();
    // After this screen is painted: the journey's code is then ready long before a tile is tapped.
    return afterNextPaint(prefetchJourneyCode);
  }, [hasServices]);
  const languages = state.info?.languages ?? [];
  const script = () =>
    startScript(t, {
      notice: state.notice,
      apiError: state.apiError,
      languages,
      services,
      // From the contract: other languages' texts are not loaded until chosen.
      nativeName: (code) => languageEntry(code).nativeName,
    });
  // Not spoken to an empty foyer after each resident: see useAttractSpeech.
  const attract = useAttractSpeech(state.notice, script, () => startNoticeScript(t, state.notice));
  useScreenSpeech(`start|${attract.mode}|${state.notice ?? ''}|${state.apiError ?? ''}`, script, attract.appear);

  return (
    <div className="page page--start">
      <header className="session-header">
        <div className="session-header__inner">
          <p className="session-header__service start-town">
            {state.info?.town?.coatOfArms && (
              // Decorative: the town's name stands next to it.
              <img className="start-town__arms" src={state.info.town.coatOfArms} alt="" />
            )}
            <span>
              {state.info?.town && <span className="start-town__name">{state.info.town.name}</span>}
              <span className="session-header__app">{t('app.name')}</span>
            </span>
          </p>
          <div className="session-header__actions">
            <DisplayMenu />
          </div>
        </div>
      </header>
      <div className="width-container">
        <main className="main" id="main">
          {state.notice && <Notice text={t(`notice.${state.notice}`)} />}
          {state.apiError && <Notice tone="problem" text={t(`errors.api.${state.apiError}`)} />}
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          <p className="lead">{t('start.lead')}</p>

          <section className="start__section" aria-labelledby="language-heading">
            <h2 className="section-heading" id="language-heading">
              {t('start.languageHeading')}
            </h2>
            <LanguageButtons
              languages={languages}
              current={state.startLanguage}
              onChoose={(language) => void actions.chooseStartLanguage(language)}
            />
          </section>

          <section className="start__section" aria-labelledby="services-heading">
            <h2 className="section-heading" id="services-heading">
              {t('start.servicesHeading')}
            </h2>
            {services.length === 0 ? (
              <p>{t('start.noServices')}</p>
            ) : (
              <ul className="tiles">
                {services.map((service) => (
                  <li key={service.id}>
                    <ServiceTile service={service} onChoose={() => actions.showIntro(service.id)} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <OfficesEntry />
          <p className="emergency">
            <span className="emergency__icon" aria-hidden="true">
              !
            </span>
            {t('town.emergency')}
          </p>
        </main>
      </div>
      <div className="page-end" ref={setPageEnd} />
      <BottomDock helpKey="help.start" pageEnd={pageEnd} />
      <Footer />
    </div>
  );
}
