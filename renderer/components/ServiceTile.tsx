import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKioskActions } from '../app/context';
import { ServiceIcon } from './ServiceIcon';

/**
 * A large button per service: icon, title, summary. Its accessible name is its visible text, title first.
 * The service's definition is fetched as the finger (or the key) goes down, so it is there when the tap ends.
 */
export function ServiceTile({ service, onChoose }: { service: ServiceSummary; onChoose: () => void }) {
  const { t } = useTranslation();
  const actions = useKioskActions();
  const namespace = serviceNamespace(service.id);
  return (
    <Button className="tile" onPressStart={() => actions.prefetchService(service.id)} onPress={onChoose}>
      <ServiceIcon name={service.icon} />
      <span className="tile__text">
        <span className="tile__title">{t(service.titleKey, { ns: namespace })}</span>
        <span className="tile__summary">{t(service.summaryKey, { ns: namespace })}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </Button>
  );
}
