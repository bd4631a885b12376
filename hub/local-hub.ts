import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENROL_PATH, EnrolResponseSchema } from '../contract/hub';
import { ensurePrivateDir, makeFilesPrivate } from '../core/fs/private-files';
import type { PortalConfigInput } from '../core/portal/portal-config';
import type { Logger } from '../core/types';
import { createHub, type Hub } from './create-hub';
import { generatePassword } from './secrets';

export const DEMO_ADMIN_USERNAME = 'demo-admin';
const ADMIN_FILE = 'demo-admin.txt';
const CREDENTIAL_FILE = 'local-terminal.credential';
/** The demo hub keeps a handed-over draft an hour (a town's hub a day): a demo keeps nobody's data for long. */
export const DEMO_HANDOVER_TTL_MS = 60 * 60_000;

export interface LocalHubOptions {
  /** The hub's own folder, e.g. <kiosk data>/hub. */
  dataDir: string;
  /** Port on 127.0.0.1; default 0 (a free one). */
  port?: number;
  /** The built console (dist/console). */
  consoleDir?: string;
  /** For continue-at-the-desk: the project's resources/ and the same portal the kiosk delivers to. */
  resourcesDir: string;
  /** The town's own services (the kiosk's `--services-dir`). */
  servicesDir?: string;
  portal?: PortalConfigInput | Promise<PortalConfigInput | undefined>;
  appVersion: string;
  terminalName?: string;
  logger?: Logger;
  say?: (line: string) => void;
  /** RSA modulus of the handover key when first generated (default 3072). */
  handoverKeyBits?: number;
}

export interface LocalHub {
  hub: Hub;
  url: string;
  /** The local kiosk's device credential (`<terminalId>.<secret>`), for its hub client. */
  credential: string;
  close(): Promise<void>;
}

function writeSecret(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  // The mode above applies to a new file only.
  makeFilesPrivate(file);
}

/**
 * `npm start`'s embedded default: a hub in-process on loopback, a demo admin
 * (created once, its generated password kept in <dataDir>/demo-admin.txt, mode
 * 0600) and the local terminal, created and enrolled through the real
 * enrolment route, its credential kept in <dataDir>/local-terminal.credential.
 */
export async function startLocalHub(options: LocalHubOptions): Promise<LocalHub> {
  const say = options.say ?? (() => {});
  ensurePrivateDir(options.dataDir);
  makeFilesPrivate(join(options.dataDir, ADMIN_FILE), join(options.dataDir, CREDENTIAL_FILE));
  const hub = await createHub({
    dataDir: options.dataDir,
    host: '127.0.0.1',
    port: options.port ?? 0,
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.handoverKeyBits ? { handoverKeyBits: options.handoverKeyBits } : {}),
    handoverTtlMs: DEMO_HANDOVER_TTL_MS,
    desk: {
      resourcesDir: options.resourcesDir,
      ...(options.servicesDir ? { servicesDir: options.servicesDir } : {}),
      ...(options.portal ? { portal: options.portal } : {}),
    },
  });
  try {
    const adminFile = join(options.dataDir, ADMIN_FILE);
    if (!(await hub.hasAdmin())) {
      const password = generatePassword();
      await hub.createStaff({ username: DEMO_ADMIN_USERNAME, displayName: 'Demo Admin', role: 'admin', password });
      writeSecret(adminFile, `username: ${DEMO_ADMIN_USERNAME}\npassword: ${password}\n`);
    }
    const retention = 'handed-over drafts are deleted an hour after handover';
    if (existsSync(adminFile)) say(`Help-desk console: ${hub.url} (demo login in ${adminFile}; ${retention})`);
    else say(`Help-desk console: ${hub.url} (${retention})`);

    const credentialFile = join(options.dataDir, CREDENTIAL_FILE);
    let credential = existsSync(credentialFile) ? readFileSync(credentialFile, 'utf8').trim() : '';
    if (!credential || !(await hub.terminalCredentialValid(credential))) {
      const { enrolmentCode } = await hub.createTerminal(options.terminalName ?? 'Lokales Terminal', 'Demo');
      const response = await fetch(`${hub.url}${ENROL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrolmentCode, appVersion: options.appVersion.slice(0, 40) }),
      });
      if (!response.ok) throw new Error(`local enrolment refused (${response.status})`);
      credential = EnrolResponseSchema.parse(await response.json()).credential;
      writeSecret(credentialFile, `${credential}\n`);
    }
    return { hub, url: hub.url, credential, close: () => hub.close() };
  } catch (error) {
    await hub.close();
    throw error;
  }
}
