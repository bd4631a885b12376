/** Zod-free names for the offices (see ./office.ts), so the renderer can use them as values. */

/** The i18next namespace of the offices' texts (resources/offices/locales/<lang>.json). */
export const OFFICES_NS = 'offices';

/** The help desk (Infotheke in the Rathaus foyer): its hours are the handover's and the slip's. */
export const DESK_OFFICE_ID = 'info';

/** The texts every office has in every language, as keys of the `offices` namespace. */
export const OFFICE_TEXTS = ['name', 'address', 'access'] as const;
export type OfficeText = (typeof OFFICE_TEXTS)[number];
export const officeTextKey = (id: string, text: OfficeText) => `${id}.${text}`;

/** The help desk's step-free way in, as an i18next key with its namespace ("Hilfe", out of service). */
export const DESK_ACCESS_TEXT = `${OFFICES_NS}:${officeTextKey(DESK_OFFICE_ID, 'access')}`;
