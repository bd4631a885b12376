import { openKioskCore } from '../core/kiosk-core';
import { createServerApi, type ServerApi } from '../core/transport/server-api';
import { readPackageVersion } from '../core/version';
import { appointmentsForKiosk } from './appointment-settings';
import { idleOptions, type KioskFlags } from './args';
import { hubForKiosk } from './hub-settings';
import type { ProjectPaths } from './paths';
import { portalForKiosk } from './portal-settings';
import { StartupError } from './startup-error';

/** See openKioskBackend: how long after the core is open the demo receiver and hub start. */
const DEMO_PORTAL_DELAY_MS = 3_000;
const DEMO_HUB_DELAY_MS = 5_000;
/** The reference appointment server needs no keys: it starts soon after the first screen. */
const DEMO_APPOINTMENTS_DELAY_MS = 2_000;

export interface KioskBackend {
  api: ServerApi;
  /** Closes what the server does not: the server closes `api` itself. */
  stop(): Promise<void>;
}

/**
 * The browser mode's heavy half, loaded by browser-mode.ts once its server listens: the core with
 * its data, the portal and hub settings, and the API the server hands calls to.
 */
export function openKioskBackend(
  flags: KioskFlags,
  paths: ProjectPaths,
  dataDir: string,
  say: (line: string) => void,
): KioskBackend {
  const portal = portalForKiosk(flags, process.env, dataDir, paths.resourcesDir, say);
  // The client is built here and handed to the core: the prepared visit books times with it (issue 16).
  const appointments = appointmentsForKiosk(flags, dataDir, say);
  const hub = hubForKiosk(
    flags,
    {
      dataDir,
      resourcesDir: paths.resourcesDir,
      consoleDir: paths.consoleDir,
      appVersion: readPackageVersion(paths.resourcesDir),
      portal: portal.option,
    },
    say,
  );
  let core: ReturnType<typeof openKioskCore>;
  try {
    core = openKioskCore({
      dataDir,
      resourcesDir: paths.resourcesDir,
      ...(flags.servicesDir ? { servicesDir: flags.servicesDir } : {}),
      mode: 'browser',
      // The town's name, coat of arms and printer place (core/branding.ts); default resources/branding/.
      ...(process.env.KIOSK_BRANDING_DIR ? { brandingDir: process.env.KIOSK_BRANDING_DIR } : {}),
      ...idleOptions(flags),
      ...(hub.option ? { hub: hub.option } : {}),
      ...(portal.option ? { portal: portal.option } : {}),
      ...(portal.outOfService ? { outOfService: portal.outOfService } : {}),
      portalOrigin: portal.origin,
      production: flags.production,
      ...(appointments.origin !== 'off' ? { appointments: appointments.client } : {}),
    });
  } catch (error) {
    throw new StartupError(`the kiosk core could not open its data: ${(error as Error)?.message ?? String(error)}`);
  }
  for (const problem of core.catalogProblems) {
    say(`Catalog problem: ${problem.file} at ${problem.path || '/'}: ${problem.message}`);
  }
  const api = createServerApi(core);

  // The demo receiver generates its keys for some seconds, on every core a small terminal has: it starts
  // after the first screen has had time to come up, so that the screen neither waits nor shares the CPU
  // with it. Applications sent before it is up wait in the outbox.
  const portalTimer = setTimeout(() => portal.start(), DEMO_PORTAL_DELAY_MS);
  // The local hub likewise, a little later still: the two would otherwise make their keys at once.
  const hubTimer = setTimeout(() => hub.start(), DEMO_HUB_DELAY_MS);
  const appointmentsTimer = setTimeout(() => appointments.start(), DEMO_APPOINTMENTS_DELAY_MS);

  return {
    api,
    async stop() {
      clearTimeout(portalTimer);
      clearTimeout(hubTimer);
      clearTimeout(appointmentsTimer);
      await hub.stop();
      core.close();
      await portal.stop();
      await appointments.stop();
    },
  };
}
