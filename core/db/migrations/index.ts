import type { Migration } from '../migration';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-draft-in-session-row';

/** Every migration, in order. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002];
