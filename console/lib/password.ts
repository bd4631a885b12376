import type { MIN_PASSWORD_LENGTH } from '../../contract/hub/console-protocol';

/** The hub's minimum (contract MIN_PASSWORD_LENGTH), repeated: the console imports no zod values (CSP). */
export const MIN_PASSWORD: typeof MIN_PASSWORD_LENGTH = 12;
