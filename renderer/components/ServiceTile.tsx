import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceSummary } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKioskActions } from '../app/context';
import { ServiceIcon } from './ServiceIcon';

/**
 * A large button per service: icon, title, summary. Its accessible name is its visible text, title first.
 * The service's definition is fetched as the finger (or the key) goes down, so it is there when the tap ends.
 *
 * A plain <button>, not react-aria's: the search mounts these with every key, and react-aria's press,
 * hover and focus hooks made each tile several times dearer to mount. The browser gives the same role,
 * name, Enter and Space; `:active` and `:focus-visible` style it as `data-pressed` and `data-focus-visible`
 * style react-aria's buttons (controls.css).
 */
export function ServiceTile({ service, onChoose }: { service: ServiceSummary; onChoose: () => void }) {
  const { t } = useTranslation();
  const actions = useKioskActions();
  const namespace = serviceNamespace(service.id);
  const prefetch = () => actions.prefetchService(service.id);
  return (
    <button
      type="button"
      className="tile"
      onPointerDown={prefetch}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.key === 'Enter' || event.key === ' ') prefetch();
      }}
      onClick={onChoose}
    >
      <ServiceIcon name={service.icon} />
      <span className="tile__text">
        <span className="tile__title">{t(service.titleKey, { ns: namespace })}</span>
        <span className="tile__summary">{t(service.summaryKey, { ns: namespace })}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </button>
  );
}
