import type { Migration } from '../migration';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-draft-in-session-row';
import * as m0003 from './0003-outbox-delivery';
import * as m0004 from './0004-attachment-uploads';
import * as m0005 from './0005-page-draft';
import * as m0006 from './0006-held-booking';
import * as m0007 from './0007-usage-days';

/** Every migration, in order. Append only; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007];
