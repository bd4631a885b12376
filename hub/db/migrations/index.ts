import type { HubMigration } from '../hub-migration';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-kiosk-bookings';
import * as m0003 from './0003-staff-accounts';
import * as m0004 from './0004-handover-holder';
import * as m0005 from './0005-usage-days';
import * as m0006 from './0006-feedback-comments';
import * as m0007 from './0007-terminal-health';
import * as m0008 from './0008-usage-months';
import * as m0009 from './0009-open-data-published';

/** The hub's migrations, in order. Append only; never edit a released one. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [m0001, m0002, m0003, m0004, m0005, m0006, m0007, m0008, m0009];
