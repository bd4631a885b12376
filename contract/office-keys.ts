/** Zod-free names for the offices (see ./office.ts), so the renderer can use them as values. */

/** The i18next namespace of the offices' texts (resources/offices/locales/<lang>.json). */
export const OFFICES_NS = 'offices';

/** The help desk (Infotheke in the Rathaus foyer): its hours are the handover's and the slip's. */
export const DESK_OFFICE_ID = 'info';

/** The texts every office has in every language, as keys of the `offices` namespace. */
export const OFFICE_TEXTS = ['name', 'address', 'access'] as const;
export type OfficeText = (typeof OFFICE_TEXTS)[number];
export const officeTextKey = (id: string, text: OfficeText) => `${id}.${text}`;
