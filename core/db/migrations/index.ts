import type { Migration } from '../migration';
import * as m0001 from './0001-initial';

/** Every migration, in order. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [m0001];
