import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { serviceNamespace } from '../../contract/namespaces';
import type { CategoryGroup } from './categories';
import { CategoryIcon } from './CategoryIcon';

/** How many of its services a tile names; more are counted. */
const SHOWN = 3;

/**
 * A life situation as a large tile: its icon and name, and what is in it. With one service in it the tile
 * names that service and opens it directly, so the resident does not tap twice for one choice.
 */
export function CategoryTile({ group, onChoose }: { group: CategoryGroup; onChoose: () => void }) {
  const { t } = useTranslation();
  const titles = group.services
    .slice(0, SHOWN)
    .map((service) => t(service.titleKey, { ns: serviceNamespace(service.id) }));
  const more = group.services.length - titles.length;
  const summary = titles.join(' · ') + (more > 0 ? ` · ${t('finder.andMore', { count: more })}` : '');
  return (
    <Button className="tile tile--category" onPress={onChoose} data-category={group.category}>
      <CategoryIcon category={group.category} />
      <span className="tile__text">
        <span className="tile__title">{t(`finder.category.${group.category}`)}</span>
        <span className="tile__summary">{summary}</span>
      </span>
      <span className="tile__arrow" aria-hidden="true" />
    </Button>
  );
}
