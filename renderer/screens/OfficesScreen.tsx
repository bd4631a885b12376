import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFICES_NS } from '../../contract/office-keys';
import { useKiosk } from '../app/context';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { BottomDock } from '../components/BottomDock';
import { Footer } from '../components/Footer';
import { KioskHeader } from '../components/KioskHeader';
import { Notice } from '../components/Notice';
import { OfficeFacts } from '../components/OfficeDetails';
import { officesScript } from '../offices/office-script';
import { openingText } from '../offices/office-text';
import { useOfficesStatus } from '../offices/useOffices';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/**
 * "Ämter und Öffnungszeiten" (issue 15): every office of the offices file, whether it is open now or when it
 * opens next (the core's clock), address, opening hours, step-free entrance and phone. No session exists.
 */
export function OfficesScreen() {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const file = state.catalog?.offices ?? { sampleData: false, offices: [] };
  const status = useOfficesStatus();
  const title = t('officesScreen.title');
  const headingRef = useScreenFocus('offices', t('app.title', { page: title, app: t('app.name') }));
  // Spoken again once the core said which office is open: that is what a resident came to hear.
  useScreenSpeech(`offices|${status ? 'status' : 'waiting'}`, () => officesScript(t, file, status));
  const [pageEnd, setPageEnd] = useState<HTMLElement | null>(null);

  return (
    <div className="page page--offices">
      <KioskHeader />
      <div className="width-container">
        <BackLink onPress={() => actions.showOffices(false)} />
        <main className="main" id="main">
          <h1 className="page-heading page-heading--xl" ref={headingRef} tabIndex={-1}>
            {title}
          </h1>
          <p className="lead">{t('officesScreen.lead')}</p>
          {file.sampleData && <Notice text={t('sampleNote', { ns: OFFICES_NS })} />}
          <ul className="offices">
            {file.offices.map((office) => {
              const opening = status?.offices.find((entry) => entry.id === office.id);
              return (
                <li key={office.id} className="offices__office" data-office={office.id}>
                  <OfficeFacts
                    office={office}
                    nameAs="h2"
                    status={
                      opening && (
                        <p
                          className={`offices__status offices__status--${opening.opening?.openNow ? 'open' : 'closed'}`}
                        >
                          {openingText(t, opening.opening)}
                        </p>
                      )
                    }
                  />
                </li>
              );
            })}
          </ul>
        </main>
      </div>
      <div className="page-end" ref={setPageEnd} />
      <BottomDock helpKey="help.start" pageEnd={pageEnd} />
      <Footer />
    </div>
  );
}
