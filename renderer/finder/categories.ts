import type { ServiceSummary } from '../../contract';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../contract/categories';

/**
 * Up to this many services the start screen lists them directly: six tiles fit a portrait screen at
 * normal text size, and a resident then needs one tap, not two (the tile of a life situation first).
 */
export const FLAT_LIMIT = 6;

export interface CategoryGroup {
  category: ServiceCategory;
  /** By `order`, then id, as on the start screen. */
  services: ServiceSummary[];
}

function byOrder(a: ServiceSummary, b: ServiceSummary): number {
  return a.order - b.order || a.id.localeCompare(b.id);
}

/** The life situations that have a service, in the contract's order; an empty one gets no tile. */
export function groupByCategory(services: readonly ServiceSummary[]): CategoryGroup[] {
  return SERVICE_CATEGORIES.map((category) => ({
    category,
    services: services.filter((service) => service.category === category).sort(byOrder),
  })).filter((group) => group.services.length > 0);
}

/** What the start screen shows: the services themselves, or a tile per life situation. */
export type StartLayout =
  { kind: 'services'; services: ServiceSummary[] } | { kind: 'categories'; groups: CategoryGroup[] };

/**
 * Few services in total, or all in one life situation: grouping would only add a tap. A life situation
 * with one service opens that service directly (its tile names both); see CategoryTile.
 */
export function startLayout(services: readonly ServiceSummary[]): StartLayout {
  const groups = groupByCategory(services);
  if (services.length <= FLAT_LIMIT || groups.length < 2)
    return { kind: 'services', services: [...services].sort(byOrder) };
  return { kind: 'categories', groups };
}
