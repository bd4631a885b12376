import { randomUUID } from 'node:crypto';
import { CompactEncrypt, importJWK } from 'jose';
import type { EnrolResponse, HelpRequestBody, LiveSnapshot, Staff, TerminalActivity } from '../../../contract/hub';
import type { Client } from '../../fixtures/hub-wire';
import { connectTerminal, HUB_ADMIN, HUB_STAFF, HubAdmin, startHub, type HubProcess } from './hub-process';

/**
 * The real hub as a process (dist/node/hub.mjs via support/hub-process.ts, temp data dir) serving the
 * built console, with three staff accounts, one terminal enrolled and connected through the real
 * terminal protocol by a `ws` client (the protocol's real client side: it plays the kiosk), and one
 * terminal never enrolled. (In-process createHub cannot load under Playwright's TypeScript loader: the
 * core imports JSON schemas without import attributes.)
 */

export const ACCOUNTS = {
  admin: HUB_ADMIN,
  meyer: HUB_STAFF,
  koch: { username: 'koch', displayName: 'Herr Koch', password: 'Fischmarkt-Kran-12' },
} as const;

export const ACTIVITY: TerminalActivity = {
  serviceId: 'meldebescheinigung',
  stepId: 'purpose',
  screen: 'step',
  stepNumber: 2,
  stepCount: 9,
  language: 'tr',
};

export class ConsoleTestHub {
  process!: HubProcess;
  admin!: HubAdmin;
  staff: Record<keyof typeof ACCOUNTS, Staff> = {} as never;
  /** The enrolled terminal "Rathaus Eingang", connected as a kiosk. */
  kiosk!: Client;
  private handoverKey: Record<string, unknown> = {};

  get origin(): string {
    return this.process.url;
  }

  async start(): Promise<void> {
    this.process = await startHub();
    this.admin = await HubAdmin.login(this.process, HUB_ADMIN);
    await this.admin.call('POST', '/staff', { ...ACCOUNTS.koch, role: 'staff' });
    for (const account of await this.admin.call<Staff[]>('GET', '/staff/accounts')) {
      const key = (Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]).find(
        (name) => ACCOUNTS[name].username === account.username,
      );
      if (key) this.staff[key] = account;
    }
    const enrolled = await this.enrol('Rathaus Eingang');
    this.handoverKey = enrolled.handoverKey;
    await this.admin.createTerminal('Bürgerbüro', 'Bürgerbüro, Wartebereich');
    this.kiosk = await this.connect(enrolled);
  }

  async stop(): Promise<void> {
    this.kiosk?.close();
    await this.process?.dispose();
  }

  private enrol(name: string): Promise<EnrolResponse> {
    return this.admin.enrolTerminal(name, 'Rathaus, Erdgeschoss', '0.1.0');
  }

  private async connect(enrolled: EnrolResponse): Promise<Client> {
    const client = await connectTerminal(this.process, enrolled.credential);
    await client.next('welcome');
    client.send({ type: 'hello', appVersion: '0.1.0', outboxBacklog: 0, activity: ACTIVITY, openRequests: [] });
    return client;
  }

  /** Another terminal, enrolled and connected now (for a second request). */
  async connectTerminal(name: string): Promise<Client> {
    return this.connect(await this.enrol(name));
  }

  /** The kiosk asks for help; resolves when the hub has queued it. */
  helpRequest(reason: HelpRequestBody['reason'] = 'button'): Promise<HelpRequestBody> {
    return this.helpFrom(this.kiosk, reason);
  }

  async helpFrom(client: Client, reason: HelpRequestBody['reason'] = 'button'): Promise<HelpRequestBody> {
    // The resident has waited 1 min 5 s.
    const since = new Date(Date.now() - 65_000).toISOString();
    const request = { requestId: randomUUID(), reason, activity: ACTIVITY, since };
    client.send({ type: 'help.request', request });
    await client.next('help.queued', (message) => message.requestId === request.requestId);
    return request;
  }

  /** Frames the hub sent the kiosk of one type (guide, takeover commands, consent requests). */
  sent(type: string): Record<string, unknown>[] {
    return this.kiosk.of(type);
  }

  answerConsent(requestId: string, granted: boolean, snapshot?: LiveSnapshot): void {
    this.kiosk.send({ type: 'consent.answer', requestId, granted });
    if (granted && snapshot) this.kiosk.send({ type: 'live.snapshot', requestId, snapshot });
  }

  /** A draft sealed for the hub's key as the kiosk seals it; returns the handover code. */
  async deposit(serviceId: string, answers: Record<string, unknown>): Promise<string> {
    const key = await importJWK(this.handoverKey as never, 'RSA-OAEP-256');
    const sealedDraft = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ answers })))
      .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'application/json' })
      .encrypt(key);
    const handoverId = randomUUID();
    const code = 'ABCD-2345';
    this.kiosk.send({ type: 'handover.deposit', handoverId, code, serviceId, language: 'de', sealedDraft });
    await this.kiosk.next('handover.stored', (message) => message.handoverId === handoverId);
    return code;
  }
}
