import type { Migration } from '../../../core/db/migration';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-kiosk-bookings';
import * as m0003 from './0003-staff-accounts';
import * as m0004 from './0004-handover-holder';
import * as m0007 from './0007-terminal-health';

/**
 * Versions 5 and 6 belong to other branches of this session (issue 18); until they are merged, these two empty
 * placeholders keep the list contiguous. MERGE: replace both with the real m0005 and m0006 imports.
 */
const reserved = (version: number): Migration => ({ version, name: `reserved-${version}`, sql: '', up: () => {} });

/** The hub's migrations, in order. Append only; never edit a released one. */
export const HUB_MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, reserved(5), reserved(6), m0007];
