import { useTranslation } from 'react-i18next';
import type { ServiceDefinition, SessionView } from '../../contract';
import { applicableParts, selectParts } from '../../contract/journey';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { useAssist } from '../assist/context';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { DockAction } from '../components/BottomDock';
import { PrimaryButton } from '../components/PrimaryButton';
import { SessionMain } from '../components/SessionMain';
import { CostSummary } from '../components/CostSummary';
import { SummaryRow } from '../components/SummaryRow';
import { serviceTerm } from '../i18n/service-terms';
import { checkRows } from '../journey/check-rows';
import { checkScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/** GOV.UK "check your answers": every visible step's fields with a change button, then send. */
export function CheckScreen({ view, service }: { view: SessionView; service: ServiceDefinition }) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const assist = useAssist();
  // An in-person service sends nothing: its main action prepares the visit (issue 15).
  const visit = service.completion === 'visit';
  const namespace = serviceNamespace(service.id);
  const title = t('check.title');
  const headingRef = useScreenFocus(
    screenKey(view),
    t('app.titleWithService', { page: title, service: t(service.titleKey, { ns: namespace }), app: t('app.name') }),
  );
  useScreenSpeech(`${screenKey(view)}|${state.apiError ?? ''}|${state.speech.speakAnswers}`, () =>
    checkScript(t, { service, view, apiError: state.apiError, speakAnswers: state.speech.speakAnswers }),
  );
  const rows = checkRows(t, service, view.visibleStepIds, view.answers);
  // Fees by age are decided on the core's date, not this screen's clock.
  const { fees } = selectParts(service, applicableParts(service, view.answers, view.today));

  return (
    <SessionMain beforeMain={<BackLink onPress={() => void actions.back()} />}>
      <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('check.lead')}</p>
      <dl className="summary-list">
        {rows.map((row) => (
          <SummaryRow
            key={row.key}
            label={row.label}
            value={row.value}
            ltr={row.ltr}
            onChange={() => void actions.changeStep(row.step.id, row.item)}
          />
        ))}
      </dl>
      <h2 className="section-heading" id="check-cost-heading">
        {t('servicePages.costThisHeading')}
      </h2>
      <CostSummary fees={fees} namespace={namespace} showTotal headingId="check-cost-heading" />
      <h2 className="section-heading">{visit ? t('visit.sendHeading') : serviceTerm(t, service.id, 'sendHeading')}</h2>
      <p>{visit ? t('visit.sendText') : t('check.sendText')}</p>
      <DockAction>
        <PrimaryButton
          onPress={() => void (visit ? assist.prepareVisit() : actions.submit())}
          guide="send"
          isPending={state.busy}
        >
          {visit ? t('visit.prepare') : serviceTerm(t, service.id, 'submit')}
        </PrimaryButton>
      </DockAction>
    </SessionMain>
  );
}
