import { BUNDLE_PATH, type EnrolResponse, type HubToTerminal, type TerminalToHub } from '../../contract/hub';
import { HttpClient } from '../net/http-client';
import type { HelpState } from '../../contract';
import { errorClass } from '../logging';
import type { Logger } from '../types';
import { deleteCredential, readCredential, writeCredential } from './credential-file';
import { enrolWithRetry } from './enrol';
import { HubConnection } from './hub-connection';
import type { HubOptions } from './hub-options';

/** What the link passes on: everything but its own welcome and revoked. */
export type HubMessage = Exclude<HubToTerminal, { type: 'welcome' | 'revoked' }>;

export interface HubLinkEvents {
  /** The first frame after every (re)connect. */
  hello(): TerminalToHub;
  onMessage(message: HubMessage): void;
  onOnline(online: boolean): void;
  /** The admin revoked this terminal: the credential is gone and the link stays down. */
  onRevoked(): void;
  /** A hub that came up after the kiosk is attached now. */
  onAttached(): void;
  /** The terminal's name or location changed (the hub named it, or it fell back to the configured name). */
  onNamed(naming: TerminalNaming): void;
  /** Issue 20: the hub's active catalogue bundle (in each welcome). */
  onBundle?(version: number): void;
}

export interface TerminalNaming {
  name: string;
  /** Empty without a hub. */
  location: string;
}

/**
 * The kiosk's link to its hub: the stored credential or enrolment with the one-time code, then one
 * reconnecting connection (hub-connection.ts), until stopped or revoked. With no hub configured it is
 * never up, and the kiosk works alone.
 */
export class HubLink {
  private options: HubOptions | undefined;
  private connection: HubConnection | undefined;
  private enrolment: { stop(): void } | undefined;
  private revoked = false;
  private stopped = false;
  private key: Record<string, unknown> | undefined;
  /** The hub's name for this terminal, and the stored credential it is kept in (none when configured directly). */
  private naming: TerminalNaming | undefined;
  private stored: EnrolResponse | undefined;
  /** The credential the connection uses (stored or given), for the bundle fetch. */
  private credential: string | undefined;

  constructor(
    private readonly given: HubOptions | Promise<HubOptions | undefined> | undefined,
    private readonly settings: {
      dataDir: string;
      appVersion: string;
      /** The configured name (--terminal-name, default "Bürgerkiosk"): shown until the hub names the terminal. */
      terminalName: string;
      logger: Logger;
    },
    private readonly events: HubLinkEvents,
  ) {
    // A hub that comes up after the kiosk (npm start's local hub) is attached when it is ready;
    // until then the kiosk behaves as without a hub.
    this.options = given instanceof Promise ? undefined : given;
  }

  /** Connects (or enrols) now, or once a hub given as a promise is ready. */
  open(): void {
    const { given } = this;
    if (!(given instanceof Promise)) return this.start();
    given.then(
      (attached) => {
        if (!attached || this.stopped) return;
        this.options = attached;
        this.start();
        this.events.onAttached();
      },
      (error: unknown) => this.settings.logger.error('hub.unavailable', { errorClass: errorClass(error) }),
    );
  }

  /** The name and location the admin gave this terminal on the hub; the configured name without a hub. */
  terminal(): TerminalNaming {
    return this.naming ?? { name: this.settings.terminalName, location: '' };
  }

  status(): HelpState['hub'] {
    return !this.options || this.revoked ? 'none' : this.connection?.isOnline ? 'online' : 'offline';
  }

  /** A hub is configured and has not revoked this terminal. */
  get available(): boolean {
    return this.options !== undefined && !this.revoked;
  }

  get isOnline(): boolean {
    return this.connection?.isOnline ?? false;
  }

  /** The hub's key for sealed handovers: from enrolment, else from the hub's welcome. */
  get handoverKey(): Record<string, unknown> | undefined {
    return this.key;
  }

  get handoverTimeoutMs(): number | undefined {
    return this.options?.handoverTimeoutMs;
  }

  /** The hub's catalogue bundle key as pinned at enrolment (or handed over with a direct credential). */
  get bundleKey(): string | undefined {
    return this.options?.credential ? this.options.bundleKey : this.stored?.bundleKey;
  }

  /** The hub's active catalogue bundle (issue 20), fetched with this terminal's credential; parsed JSON. */
  async fetchBundle(): Promise<unknown> {
    const { options, credential } = this;
    if (!options || !credential || this.revoked) throw new Error('no hub connection');
    const client = new HttpClient(options.ca);
    try {
      const response = await client.request({
        method: 'GET',
        url: new URL(BUNDLE_PATH, options.url),
        headers: { authorization: `Bearer ${credential}`, accept: 'application/json' },
        timeoutMs: 60_000,
      });
      if (response.status !== 200) throw new Error(`bundle fetch failed (HTTP ${response.status})`);
      return JSON.parse(response.text) as unknown;
    } finally {
      client.close();
    }
  }

  /** False when offline: the frame is dropped (what matters goes again in hello). */
  send(message: TerminalToHub): boolean {
    return this.connection?.send(message) ?? false;
  }

  stop(): void {
    this.stopped = true;
    this.enrolment?.stop();
    this.connection?.stop();
  }

  private start(): void {
    const { options } = this;
    const { dataDir, appVersion, logger } = this.settings;
    if (!options || this.stopped) return;
    if (options.credential) return this.connect({ credential: options.credential });
    try {
      this.stored = readCredential(dataDir);
    } catch (error) {
      logger.error('hub.credential_unreadable', { errorClass: errorClass(error) });
    }
    if (this.stored) this.connect(this.stored);
    else if (options.enrolmentCode) {
      const enrolment = {
        hubUrl: options.url,
        code: options.enrolmentCode,
        appVersion,
        ...(options.ca ? { ca: options.ca } : {}),
      };
      this.enrolment = enrolWithRetry(
        options.backoff ? { ...enrolment, backoff: options.backoff } : enrolment,
        logger,
        (credential) => {
          writeCredential(dataDir, credential);
          this.stored = credential;
          logger.info('hub.enrolled');
          this.connect(credential);
        },
      );
    } else logger.warn('hub.not_enrolled');
  }

  private connect(credential: Pick<EnrolResponse, 'credential'> & Partial<EnrolResponse>): void {
    const { options } = this;
    if (this.stopped || !options) return;
    // Without one from enrolment, the key and the name arrive with the hub's welcome.
    if (credential.handoverKey) this.key = credential.handoverKey;
    this.credential = credential.credential;
    if (credential.terminalName !== undefined)
      this.named({ name: credential.terminalName, location: credential.location ?? '' });
    this.connection = new HubConnection({
      hubUrl: options.url,
      credential: credential.credential,
      hello: () => this.events.hello(),
      onMessage: (message) => this.receive(message),
      onOnline: (online) => this.events.onOnline(online),
      logger: this.settings.logger,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
    });
    this.connection.start();
  }

  private receive(message: HubToTerminal): void {
    if (message.type === 'welcome') {
      this.key = message.handoverKey;
      this.named({ name: message.terminalName, location: message.location });
      if (message.bundleVersion !== undefined) this.events.onBundle?.(message.bundleVersion);
      return;
    }
    if (message.type === 'revoked') {
      this.settings.logger.warn('hub.revoked');
      this.revoked = true;
      deleteCredential(this.settings.dataDir);
      this.stored = undefined;
      this.connection?.stop();
      this.connection = undefined;
      this.named(undefined);
      this.events.onRevoked();
      return;
    }
    this.events.onMessage(message);
  }

  /** The hub named the terminal (enrolment, stored credential, each welcome): kept, and the footer told. */
  private named(next: TerminalNaming | undefined): void {
    const usable = next?.name.trim() ? { name: next.name.trim(), location: next.location.trim() } : undefined;
    if (JSON.stringify(usable) === JSON.stringify(this.naming)) return;
    this.naming = usable;
    this.events.onNamed(this.terminal());
    const { stored } = this;
    if (!usable || !stored || (stored.terminalName === usable.name && stored.location === usable.location)) return;
    // Kept with the credential, so the footer shows it from the next start on, before the hub answers.
    this.stored = { ...stored, terminalName: usable.name, location: usable.location };
    try {
      writeCredential(this.settings.dataDir, this.stored);
    } catch (error) {
      this.settings.logger.warn('hub.credential_unwritable', { errorClass: errorClass(error) });
    }
  }
}
