import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { CostSummary } from '../components/CostSummary';
import { Footer } from '../components/Footer';
import { BottomDock, DockAction, DockSlotProvider } from '../components/BottomDock';
import { KioskHeader } from '../components/KioskHeader';
import { PrimaryButton } from '../components/PrimaryButton';
import { UntranslatedNotice, useServiceUntranslated } from '../components/UntranslatedNotice';
import { WarningText } from '../components/WarningText';
import { forgetSearch } from '../finder/search-return';
import { introScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/**
 * A service's start page (GOV.UK start page): what it is for, who can use it, what you need,
 * how long it takes and what it costs, then "Jetzt starten". No session exists yet: nothing is
 * stored until the resident starts.
 */
export function IntroScreen({ service }: { service: ServiceDefinition }) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const ns = serviceNamespace(service.id);
  const tn = (key: string) => t(key, { ns });
  const title = tn(service.titleKey);
  const key = screenKey(null, service.id);
  const headingRef = useScreenFocus(key, t('app.title', { page: title, app: t('app.name') }));
  const untranslated = useServiceUntranslated(service.id);
  useScreenSpeech(`${key}|${state.apiError ?? ''}`, () => introScript(t, service, untranslated));
  const start = service.startPage;
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const [pageEnd, setPageEnd] = useState<HTMLElement | null>(null);

  return (
    <div className="page page--intro">
      <KioskHeader />
      <div className="width-container">
        <BackLink onPress={() => actions.showIntro(null)} />
        <main className="main" id="main">
          <UntranslatedNotice serviceId={service.id} />
          {start?.warningKey && <WarningText text={tn(start.warningKey)} />}
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          <p className="lead">{tn(start?.purposeKey ?? service.summaryKey)}</p>
          {start && (
            <>
              <h2 className="section-heading">{t('servicePages.whoHeading')}</h2>
              <p>{tn(start.eligibilityKey)}</p>
              {start.needKeys.length > 0 && (
                <>
                  <h2 className="section-heading">{t('servicePages.needHeading')}</h2>
                  <ul className="list list--bullet">
                    {start.needKeys.map((needKey) => (
                      <li key={needKey}>{tn(needKey)}</li>
                    ))}
                  </ul>
                </>
              )}
              <h2 className="section-heading">{t('servicePages.durationHeading')}</h2>
              <p>{tn(start.durationKey)}</p>
            </>
          )}
          <h2 className="section-heading" id="intro-cost-heading">
            {t('servicePages.costHeading')}
          </h2>
          <CostSummary fees={service.fees} namespace={ns} headingId="intro-cost-heading" />
          {start?.costNoteKey && <p>{tn(start.costNoteKey)}</p>}
          <DockSlotProvider slot={slot}>
            <DockAction>
              <PrimaryButton
                onPress={() => {
                  // A started session ends at the start screen without the search it came from.
                  forgetSearch();
                  void actions.start(service.id);
                }}
                guide="next"
                isPending={state.busy}
              >
                {t('servicePages.startNow')}
              </PrimaryButton>
            </DockAction>
          </DockSlotProvider>
        </main>
      </div>
      <div className="page-end" ref={setPageEnd} />
      <BottomDock helpKey="help.start" slotRef={setSlot} pageEnd={pageEnd} />
      <Footer />
    </div>
  );
}
