import path from 'node:path';
import type { HubOptions } from '../core/hub-client/hub-options';
import type { PortalConfigInput } from '../core/portal/portal-config';
import { hubOptions, insecureHubLine, isInsecureHubUrl, type KioskFlags } from './args';
import { readCaFile } from './trust-files';
import { PRODUCTION_NO_HUB_LINE } from './production';

export interface KioskHub {
  option: HubOptions | Promise<HubOptions | undefined> | undefined;
  /** Starts the local demo hub, if that is the choice; called after the kiosk listens. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * Which help-desk hub the kiosk reports to:
 *  - `--hub-url` (env KIOSK_HUB_URL): the town's hub, with `--hub-enrolment-code` the first time;
 *  - `--no-hub`: none; "Hilfe" points residents to the desk;
 *  - a production start (`--production`, a packaged build) without either: none, and it says so;
 *  - otherwise the embedded default: a local hub in this process with its staff console, a demo admin
 *    and this kiosk enrolled, so a new user sees the whole help flow. It starts after the kiosk listens
 *    (its first start makes an RSA key, which would take the CPU from the first screen).
 */
export function hubForKiosk(
  flags: Pick<KioskFlags, 'hubUrl' | 'hubEnrolmentCode' | 'noHub' | 'caFile' | 'servicesDir'> & {
    production?: boolean;
  },
  local: {
    dataDir: string;
    resourcesDir: string;
    consoleDir: string;
    appVersion: string;
    portal: PortalConfigInput | Promise<PortalConfigInput | undefined> | undefined;
    /** Tests: a smaller handover key is made faster. */
    handoverKeyBits?: number;
  },
  say: (line: string) => void,
): KioskHub {
  const none = { start() {}, stop: () => Promise.resolve() };
  if (flags.hubUrl) {
    // The town's CA (--ca-file) is trusted for the hub's TLS (enrolment and WebSocket).
    const ca = readCaFile(flags.caFile);
    const hub = hubOptions(flags).hub!;
    // Accepted only with --allow-insecure-hub (launcher/args.ts), and said once at every start.
    if (isInsecureHubUrl(hub.url)) say(insecureHubLine(hub.url));
    return { option: ca ? { ...hub, ca } : hub, ...none };
  }
  if (flags.noHub) return { option: undefined, ...none };
  if (flags.production) {
    // A town's terminal never calls a demo hub: without one, help points to the desk.
    say(PRODUCTION_NO_HUB_LINE);
    return { option: undefined, ...none };
  }

  let resolve: (options: HubOptions | undefined) => void = () => {};
  const option = new Promise<HubOptions | undefined>((done) => (resolve = done));
  let running: Promise<{ close(): Promise<void> } | undefined> | undefined;
  return {
    option,
    start() {
      running ??= import('../hub/local-hub')
        .then(({ startLocalHub }) =>
          startLocalHub({
            dataDir: path.join(local.dataDir, 'hub'),
            consoleDir: local.consoleDir,
            resourcesDir: local.resourcesDir,
            ...(flags.servicesDir ? { servicesDir: flags.servicesDir } : {}),
            appVersion: local.appVersion,
            ...(local.portal ? { portal: local.portal } : {}),
            ...(local.handoverKeyBits ? { handoverKeyBits: local.handoverKeyBits } : {}),
            say,
          }),
        )
        .then(
          (hub) => {
            resolve({ url: hub.url, credential: hub.credential, bundleKey: hub.hub.bundlePublicKey() });
            return hub;
          },
          (error: unknown) => {
            say(
              `The local help-desk hub could not start (${(error as Error)?.message ?? String(error)}); "Hilfe" points to the desk.`,
            );
            resolve(undefined);
            return undefined;
          },
        );
    },
    async stop() {
      resolve(undefined);
      await (await running)?.close();
    },
  };
}
