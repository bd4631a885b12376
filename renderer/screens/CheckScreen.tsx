import { useTranslation } from 'react-i18next';
import type { ServiceDefinition, SessionView } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { DockAction } from '../components/BottomDock';
import { PrimaryButton } from '../components/PrimaryButton';
import { SessionMain } from '../components/SessionMain';
import { SummaryRow } from '../components/SummaryRow';
import { answerText } from '../i18n/answerText';
import { checkScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/** GOV.UK "check your answers": every visible step's fields with a change button, then send. */
export function CheckScreen({ view, service }: { view: SessionView; service: ServiceDefinition }) {
  const { t } = useTranslation();
  const { state, actions } = useKiosk();
  const namespace = serviceNamespace(service.id);
  const title = t('check.title');
  const headingRef = useScreenFocus(
    screenKey(view),
    t('app.titleWithService', { page: title, service: t(service.titleKey, { ns: namespace }), app: t('app.name') }),
  );
  useScreenSpeech(`${screenKey(view)}|${state.apiError ?? ''}|${state.speech.speakAnswers}`, () =>
    checkScript(t, { service, view, apiError: state.apiError, speakAnswers: state.speech.speakAnswers }),
  );
  const visible = new Set(view.visibleStepIds);
  const steps = service.journey.steps.filter((step) => visible.has(step.id));

  return (
    <SessionMain beforeMain={<BackLink onPress={() => void actions.back()} />}>
      <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p className="lead">{t('check.lead')}</p>
      <dl className="summary-list">
        {steps.flatMap((step) =>
          step.fields.map((field) => (
            <SummaryRow
              key={field.name}
              label={t([`check.${field.name}`, field.labelKey ?? step.titleKey], { ns: namespace })}
              value={answerText(t, namespace, field, view.answers[field.name])}
              ltr={field.type === 'tel' || field.type === 'email'}
              onChange={() => void actions.changeStep(step.id)}
            />
          )),
        )}
      </dl>
      <h2 className="section-heading">{t('check.sendHeading')}</h2>
      <p>{t('check.sendText')}</p>
      <DockAction>
        <PrimaryButton onPress={() => void actions.submit()} guide="send" isPending={state.busy}>
          {t('check.submit')}
        </PrimaryButton>
      </DockAction>
    </SessionMain>
  );
}
