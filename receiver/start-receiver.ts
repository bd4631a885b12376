import {
  clientConfigSchema,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_RETENTION_MS,
  DEFAULT_TOKEN_LIFETIME_SECONDS,
  destinationConfigSchema,
  type DestinationConfig,
  type ReceiverOptions,
} from './config';
import { openDemoCa } from './crypto/demo-ca';
import { EventStore } from './db/event-store';
import { KeyStore } from './db/key-store';
import { openReceiverDb } from './db/open-receiver-db';
import { ensurePrivateDir, OPEN_PARENT_WARNING } from '../core/fs/private-files';
import { SubmissionStore } from './db/submission-store';
import { defaultDestinations } from './default-destinations';
import { EventLog } from './event-log';
import { FaultRules, type ActiveFault, type FaultFiring, type FaultRule } from './faults';
import { adminHandler, type AdminControls } from './handlers/admin';
import { renderDemoPage } from './handlers/demo';
import { destinationHandler, destinationKeyHandler, jwksHandler } from './handlers/destinations';
import { announceHandler, attachmentHandler, eventsHandler, sendHandler } from './handlers/submissions';
import { tokenHandler } from './handlers/token';
import { newAccessToken } from './http/access-token';
import { startServer } from './http/server';
import { TokenStore } from './http/token-store';
import { defaultServicesDir } from './project-root';
import { listReceivedApplications, type ReceivedApplication } from './received';
import { RequestCounter, type RequestCounts } from './request-counter';
import type { ReceiverState } from './state';
import { loadServiceSchemas } from './subscriber/service-schemas';
import { Subscriber } from './subscriber/subscriber';
import { createValidators } from './subscriber/validators';

/** The running receiver as tests, the demo and the CLI use it. */
export interface FaultController {
  /** Replaces every rule with these. */
  set(rules: FaultRule | FaultRule[]): string[];
  /** Adds one rule after the existing ones; returns its id. */
  add(rule: FaultRule): string;
  remove(id: string): void;
  clear(): void;
  list(): ActiveFault[];
  /** Every fault that fired so far, oldest first. */
  fired(): FaultFiring[];
  /** A new encryption key: the destination's encryptionKid changes and the old kid is refused from now on. */
  rotateEncryptionKey(): Promise<{ oldKid: string; newKid: string }>;
  /** Every access token issued so far stops working (401 on next use). */
  invalidateTokens(): number;
}

export interface Receiver {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234; the API paths start with /v1. */
  url: string;
  /** The token /demo and /__admin/* require (printed once at start by whoever started the receiver). */
  accessToken: string;
  /** `${url}/demo?token=…`: the received applications, for a person's browser. */
  demoUrl: string;
  /** Deletes the decided applications past the retention now (also done every minute); returns how many. */
  sweep(): number;
  /** `${url}/token` */
  tokenUrl: string;
  port: number;
  destinations: DestinationConfig[];
  /** The demo CA's root certificate (PEM) that certifies the encryption key (`x5c`): a sender's trusted root. */
  rootCertificatePem: string;
  /** Where that root certificate lies (`<data dir>/demo-ca/root-cert.pem`). */
  rootCertificateFile: string;
  /** Current key ids (public information). */
  kids(): { encryption: string; subscriberSigning: string; serviceSigning: string };
  faults: FaultController;
  requestCounts(): RequestCounts;
  resetRequestCounts(): void;
  /** Applications the subscriber has decided on (accepted and rejected), decrypted. */
  listReceived(): Promise<ReceivedApplication[]>;
  /** Resolves once every submission sent so far has an accept or reject event. */
  idle(): Promise<void>;
  /** Load problems of resources/services/<id>/schema.json files that were skipped. */
  schemaProblems: Array<{ file: string; message: string }>;
  close(): Promise<void>;
}

function logger(write: ((line: string) => void) | undefined): ReceiverState['log'] {
  if (!write) return () => {};
  return (event, fields) => write(JSON.stringify({ time: new Date().toISOString(), event, ...fields }));
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const now = options.now ?? Date.now;
  const clients = options.clients.map((client) => clientConfigSchema.parse(client));
  const schemas = loadServiceSchemas([
    options.servicesDir ?? defaultServicesDir(),
    ...(options.extraServicesDir ? [options.extraServicesDir] : []),
  ]);
  const destinationList = (options.destinations ?? defaultDestinations(schemas)).map((destination) =>
    destinationConfigSchema.parse(destination),
  );
  const destinations = new Map(
    destinationList.map((destination) => [destination.destinationId.toLowerCase(), destination]),
  );
  const log = logger(options.log);

  const openParent = ensurePrivateDir(options.dataDir);
  if (openParent) log(OPEN_PARENT_WARNING, { mode: openParent });
  const accessToken = options.accessToken ?? newAccessToken();
  const db = openReceiverDb(options.dataDir);
  try {
    const ca = await openDemoCa(options.dataDir, now, options.certificateValidity);
    const keys = new KeyStore(db, now, (publicJwk) => ca.certify(publicJwk));
    await keys.init(options.initialKeys);
    const submissions = new SubmissionStore(db);
    let baseUrl = '';
    const eventLog = new EventLog(new EventStore(db), keys, () => baseUrl, now);
    const subscriber = new Subscriber({
      submissions,
      keys,
      eventLog,
      validators: createValidators(schemas),
      destinations,
      now,
      log,
    });
    const faultRules = new FaultRules();
    const state: ReceiverState = {
      clients,
      destinations,
      keys,
      submissions,
      eventLog,
      tokens: new TokenStore(now),
      faults: faultRules,
      counter: new RequestCounter(),
      subscriber,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      now,
      log,
    };
    const retentionMs = options.retentionMs === undefined ? DEFAULT_RETENTION_MS : options.retentionMs;
    const sweep = () => {
      if (retentionMs === null) return 0;
      const deleted = submissions.deleteDecidedBefore(now() - retentionMs);
      if (deleted > 0) log('retention.deleted', { count: deleted });
      return deleted;
    };
    const listReceived = () => {
      sweep();
      return listReceivedApplications(submissions, keys);
    };
    const rotateEncryptionKey = async () => {
      const rotated = await keys.rotate('encryption');
      log('key.rotated', { purpose: 'encryption', oldKid: rotated.oldKid, newKid: rotated.newKid });
      return rotated;
    };
    const controls: AdminControls = { state, rotateEncryptionKey, listReceived };

    const server = await startServer(
      state,
      {
        handlers: {
          token: tokenHandler,
          jwks: jwksHandler,
          destination: destinationHandler,
          destinationKey: destinationKeyHandler,
          announce: announceHandler,
          attachment: attachmentHandler,
          send: sendHandler,
          events: eventsHandler,
          ...(options.demoPage === false
            ? {}
            : {
                demo: async () =>
                  renderDemoPage(await listReceived(), retentionMs === null ? null : Math.round(retentionMs / 60_000)),
              }),
        },
        ...(options.admin === false ? {} : { admin: (context, path) => adminHandler(context, path, controls) }),
      },
      { port: options.port ?? 0, host: options.host ?? '127.0.0.1', accessToken },
    );
    // Decided applications go after the retention (a demo keeps no one's data for long).
    const sweeper = setInterval(() => {
      try {
        sweep();
      } catch (error) {
        log('retention.failed', { errorClass: (error as Error)?.constructor?.name ?? 'unknown' });
      }
    }, 60_000);
    sweeper.unref();
    baseUrl = `http://127.0.0.1:${server.port}`;
    log('receiver.started', { port: server.port, destinations: destinationList.length });

    let closed: Promise<void> | undefined;
    return {
      url: baseUrl,
      accessToken,
      demoUrl: `${baseUrl}/demo?token=${encodeURIComponent(accessToken)}`,
      sweep,
      tokenUrl: `${baseUrl}/token`,
      port: server.port,
      destinations: destinationList,
      rootCertificatePem: ca.rootPem,
      rootCertificateFile: ca.rootFile,
      kids: () => ({
        encryption: keys.get('encryption').kid,
        subscriberSigning: keys.get('subscriber-signing').kid,
        serviceSigning: keys.get('service-signing').kid,
      }),
      faults: {
        set: (rules) => faultRules.set(rules),
        add: (rule) => faultRules.add(rule),
        remove: (id) => faultRules.remove(id),
        clear: () => faultRules.clear(),
        list: () => faultRules.list(),
        fired: () => faultRules.fired(),
        rotateEncryptionKey,
        invalidateTokens: () => state.tokens.revokeAll(),
      },
      requestCounts: () => state.counter.snapshot(),
      resetRequestCounts: () => state.counter.reset(),
      listReceived,
      idle: () => subscriber.idle(),
      schemaProblems: schemas.problems,
      close() {
        closed ??= (async () => {
          clearInterval(sweeper);
          await server.close();
          await subscriber.idle();
          db.close();
        })();
        return closed;
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
