import type { RefObject } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ServiceTile } from '../components/ServiceTile';
import type { CategoryGroup } from './categories';
import { CategoryIcon } from './CategoryIcon';

interface CategoryViewProps {
  group: CategoryGroup;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onBack: () => void;
  onChoose: (serviceId: string) => void;
}

/** One life situation's services; "Alle Themen" goes back to the tiles. */
export function CategoryView({ group, headingRef, onBack, onChoose }: CategoryViewProps) {
  const { t } = useTranslation();
  return (
    <>
      <Button className="back-link" onPress={onBack} data-guide="back">
        <span className="back-link__chevron" aria-hidden="true" />
        {t('finder.backToCategories')}
      </Button>
      <h1 className="page-heading page-heading--xl finder-heading" ref={headingRef} tabIndex={-1}>
        <CategoryIcon category={group.category} />
        <span>{t(`finder.category.${group.category}`)}</span>
      </h1>
      <p className="lead">{t('finder.categoryLead')}</p>
      <ul className="tiles">
        {group.services.map((service) => (
          <li key={service.id}>
            <ServiceTile service={service} onChoose={() => onChoose(service.id)} />
          </li>
        ))}
      </ul>
    </>
  );
}
