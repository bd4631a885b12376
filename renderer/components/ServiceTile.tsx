import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { ServiceIcon } from './ServiceIcon';

/** A large button per service: icon, title, summary. Its accessible name is its visible text, title first. */
export function ServiceTile({ service, onChoose }: { service: ServiceDefinition; onChoose: () => void }) {
  const { t } = useTranslation();
  const namespace = serviceNamespace(service.id);
  return (
    <Button className="tile" onPress={onChoose}>
      <ServiceIcon name={service.icon} />
      <span className="tile__text">
        <span className="tile__title">{t(service.titleKey, { ns: namespace })}</span>
        <span className="tile__summary">{t(service.summaryKey, { ns: namespace })}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </Button>
  );
}
