import { memo, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ServiceCategory, ServiceSummary } from '../../contract';
import { languageEntry } from '../../contract/languages';
import { useKiosk } from '../app/context';
import { afterNextPaint } from '../app/after-paint';
import { markFirstScreenPainted } from '../app/first-screen-mark';
import { prefetchJourneyCode } from '../app/journey-code';
import { useScreenFocus } from '../app/useScreenFocus';
import { Footer } from '../components/Footer';
import { DisplayMenu } from '../display/DisplayMenu';
import { BottomDock } from '../components/BottomDock';
import { StartLanguageSection } from '../components/LanguageButtons';
import { Notice } from '../components/Notice';
import { groupByCategory, startLayout } from '../finder/categories';
import { CategoryView } from '../finder/CategoryView';
import { ServiceChoice } from '../finder/ServiceChoice';
import { forgetSearch, rememberSearch, searchToReturnTo } from '../finder/search-return';
import { LazyOnScreenKeyboard } from '../app/journey-code';
import { categoryScript, searchScript } from '../speech/finder-scripts';
import { OfficesEntry } from '../offices/OfficesEntry';
import { ManageEntry } from '../appointments/manage/ManageEntry';
import { WalkInEntry } from '../appointments/walk-in/WalkInEntry';
import { useWalkInOffices } from '../appointments/walk-in/useWalkInOffices';
import { startNoticeScript, startScript } from '../speech/start-scripts';
import { useAttractSpeech } from '../speech/useAttractSpeech';
import { useScreenSpeech } from '../speech/useScreenSpeech';
import { CountingScreen } from '../feedback/CountingScreen';

// Memoised: the start screen renders again when a search's results are spoken, and these do not change.
const Languages = memo(StartLanguageSection);
const Display = memo(DisplayMenu);
const Dock = memo(BottomDock);
const StartFooter = memo(Footer);
const Offices = memo(OfficesEntry);
const Manage = memo(ManageEntry);
const WalkIn = memo(WalkInEntry);
const StartKeyboard = memo(function StartKeyboard() {
  return (
    <Suspense fallback={null}>
      <LazyOnScreenKeyboard />
    </Suspense>
  );
});

/** Attract and start screen, or "Was wir zählen" opened from its small link (issue 18). */
export function StartScreen() {
  const [counting, setCounting] = useState(false);
  const back = useCallback(() => setCounting(false), []);
  if (counting) return <CountingScreen onBack={back} />;
  return <StartPage onCounting={() => setCounting(true)} />;
}

/** Attract and start screen: welcome, language, services by life situation and by search (renderer/finder/). */
function StartPage({ onCounting }: { onCounting: () => void }) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const [pageEnd, setPageEnd] = useState<HTMLElement | null>(null);
  const catalogServices = state.catalog?.services;
  const services = useMemo(() => [...(catalogServices ?? [])].sort((a, b) => a.order - b.order), [catalogServices]);
  const layout = useMemo(() => startLayout(services), [services]);
  // The search code and the keyboard's come once the screen is painted (neither is in the start bundle).
  const [painted, setPainted] = useState(false);
  // Back from a search result's service: its search again (taken once; a session's end gives none back).
  const idleMs = state.info?.idle.timeoutMs ?? 0;
  // Taken once: back from a life situation, the field is empty.
  const [initialQuery, setInitialQuery] = useState(() => (state.notice ? '' : searchToReturnTo(idleMs)));
  useEffect(forgetSearch, []);
  // The search's own state is in ServiceChoice; what is spoken of it comes here when typing pauses.
  const [spoken, setSpoken] = useState<{ found: readonly ServiceSummary[] | null; key: string }>({
    found: null,
    key: '',
  });
  const onSpoken = useCallback((found: readonly ServiceSummary[] | null, key: string) => setSpoken({ found, key }), []);
  const [category, setCategory] = useState<ServiceCategory | null>(null);
  const chooseCategory = useCallback((next: ServiceCategory | null) => {
    setInitialQuery('');
    setSpoken({ found: null, key: '' });
    setCategory(next);
  }, []);
  const onService = useCallback(
    (id: string, query: string | null) => {
      if (query !== null) rememberSearch(query);
      actions.showIntro(id);
    },
    [actions],
  );
  const group = category ? groupByCategory(services).find((g) => g.category === category) : undefined;
  const title = group ? t(`finder.category.${group.category}`) : t('start.title');
  const headingRef = useScreenFocus(
    group ? `start:${group.category}` : 'start',
    t('app.title', { page: title, app: t('app.name') }),
  );
  const hasServices = services.length > 0;
  useEffect(() => {
    if (!hasServices) return;
    markFirstScreenPainted();
    // After this screen is painted: the journey's code is then ready long before a tile is tapped.
    return afterNextPaint(() => {
      prefetchJourneyCode();
      setPainted(true);
    });
  }, [hasServices]);
  const languages = useMemo(() => state.info?.languages ?? [], [state.info]);
  const walkIns = useWalkInOffices();
  const hasWalkIns = (walkIns?.length ?? 0) > 0;
  const script = () => {
    if (group) return categoryScript(t, group.category, group.services);
    if (spoken.found) return searchScript(t, spoken.found);
    return startScript(t, {
      notice: state.notice,
      apiError: state.apiError,
      languages,
      services,
      ...(layout.kind === 'categories' ? { categories: layout.groups.map((g) => g.category) } : {}),
      // From the contract: other languages' texts are not loaded until chosen.
      nativeName: (code) => languageEntry(code).nativeName,
      manageBooking: state.info?.appointments === true,
      walkIn: hasWalkIns,
    });
  };
  // Not spoken to an empty foyer after each resident: see useAttractSpeech.
  const attract = useAttractSpeech(state.notice, script, () => startNoticeScript(t, state.notice));
  useScreenSpeech(
    `start|${attract.mode}|${state.notice ?? ''}|${state.apiError ?? ''}|${group?.category ?? ''}|${spoken.key}`,
    script,
    attract.appear,
  );

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
            <Display />
          </div>
        </div>
      </header>
      <div className="width-container">
        <main className="main" id="main">
          {state.notice && <Notice text={t(`notice.${state.notice}`)} />}
          {state.apiError && <Notice tone="problem" text={t(`errors.api.${state.apiError}`)} />}
          {group ? (
            <CategoryView
              group={group}
              headingRef={headingRef}
              onBack={() => chooseCategory(null)}
              onChoose={(id) => actions.showIntro(id)}
            />
          ) : (
            <>
              <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
                {title}
              </h1>
              <p className="lead">{t('start.lead')}</p>

              <Languages />

              <section className="start__section" aria-labelledby="services-heading">
                <h2 className="section-heading" id="services-heading">
                  {t('start.servicesHeading')}
                </h2>
                {services.length === 0 ? (
                  <p>{t('start.noServices')}</p>
                ) : (
                  <ServiceChoice
                    layout={layout}
                    services={services}
                    language={state.startLanguage}
                    searchEnabled={painted}
                    initialQuery={initialQuery}
                    onService={onService}
                    onCategory={chooseCategory}
                    onSpoken={onSpoken}
                  />
                )}
              </section>
              <Offices />
              <Manage />
              <WalkIn shown={hasWalkIns} />
            </>
          )}
          <p className="emergency">
            <span className="emergency__icon" aria-hidden="true">
              !
            </span>
            {t('town.emergency')}
          </p>
          {!group && (
            <Button className="counting-link" onPress={onCounting} data-testid="counting-link">
              {t('counting.link')}
            </Button>
          )}
        </main>
      </div>
      <div className="page-end" ref={setPageEnd} />
      <Dock helpKey="help.start" pageEnd={pageEnd} />
      <StartFooter />
      {/* Only the search field takes text here; the keyboard's code is fetched after the first paint. */}
      {painted && <StartKeyboard />}
    </div>
  );
}
