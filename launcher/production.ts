import type { OutOfServiceReason } from '../contract/api';
import type { KioskFlags } from './args';

/**
 * Demo or production, decided once from the flags: `npm start` from a checkout is the demo (a local
 * receiver and hub, so a new user sees the whole flow); a town's terminal (`--production`, or any
 * packaged Electron build) never starts either, and without a portal configuration takes no applications.
 */

type StartFlags = Pick<KioskFlags, 'production' | 'portalConfig' | 'noPortal' | 'hubUrl' | 'noHub'>;

export const DEMO_PORTAL_LINE =
  'Demo mode: applications go to the local demo receiver, not to the town (a terminal starts with --production).';
export const DEMO_HUB_LINE =
  'Demo mode: help calls go to a local demo hub, not to the town’s desk (a terminal starts with --production).';
export const PRODUCTION_LINE = 'Production mode: no demo receiver and no demo hub are started.';

/** The first line a start prints: which mode it runs in, so nobody mistakes the demo for a terminal. */
export function startModeLine(flags: StartFlags): string | undefined {
  if (flags.production) return PRODUCTION_LINE;
  if (!flags.portalConfig && !flags.noPortal) return DEMO_PORTAL_LINE;
  if (!flags.hubUrl && !flags.noHub) return DEMO_HUB_LINE;
  return undefined;
}

/** Why a production start takes no applications, if it does not: the one log line says it. */
export function outOfServiceReason(
  flags: Pick<KioskFlags, 'portalConfig' | 'noPortal'> & { production?: boolean },
): OutOfServiceReason | undefined {
  return flags.production && !flags.portalConfig && !flags.noPortal ? 'no-portal-configuration' : undefined;
}

export const OUT_OF_SERVICE_LINES: Record<OutOfServiceReason, string> = {
  'no-portal-configuration':
    'Out of service: production start without a portal configuration (--portal-config, or --no-portal to ' +
    'keep applications in the outbox); the kiosk shows the out-of-service screen and takes no applications.',
};

export const PRODUCTION_NO_HUB_LINE =
  'No help-desk hub: production start without --hub-url (or --no-hub); "Hilfe" points residents to the desk.';
