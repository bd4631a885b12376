import { useTranslation } from 'react-i18next';
import type { ServiceDefinition, SessionView, Step } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { screenKey } from '../app/state';
import { useScreenFocus } from '../app/useScreenFocus';
import { BackLink } from '../components/BackLink';
import { OfficeDetails } from '../components/OfficeDetails';
import { useOffice } from '../offices/useOffices';
import { PrimaryButton } from '../components/PrimaryButton';
import { SessionMain } from '../components/SessionMain';
import { outcomeScript } from '../speech/scripts';
import { useScreenSpeech } from '../speech/useScreenSpeech';

/**
 * Where the answers lead somewhere this service cannot go (a postcode outside Stade, more than
 * a pick-up takes): what to do instead and whom to call, not a dead end. "Zurück" changes the answer.
 */
export function OutcomeScreen({ view, service, step }: { view: SessionView; service: ServiceDefinition; step: Step }) {
  const { t } = useTranslation();
  const { actions } = useKiosk();
  const ns = serviceNamespace(service.id);
  const title = t(step.titleKey, { ns });
  const headingRef = useScreenFocus(
    screenKey(view),
    t('app.titleWithService', { page: title, service: t(service.titleKey, { ns }), app: t('app.name') }),
  );
  const office = useOffice(step.officeId ?? service.officeId);
  useScreenSpeech(screenKey(view), () => outcomeScript(t, service, step, office));
  return (
    <SessionMain beforeMain={<BackLink onPress={() => void actions.back()} />}>
      <h1 className="page-heading" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {(step.bodyKeys ?? []).map((key, index) => (
        <p key={key} className={index === 0 ? 'lead' : undefined}>
          {t(key, { ns })}
        </p>
      ))}
      <OfficeDetails officeId={step.officeId ?? service.officeId} />
      <p>{t('servicePages.outcomeChange')}</p>
      <PrimaryButton onPress={() => void actions.end('resident')}>{t('servicePages.outcomeEnd')}</PrimaryButton>
    </SessionMain>
  );
}
