import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import { openKioskCore } from '../core/kiosk-core';
import type { NewAttachment } from '../core/outbox/delivery-store';
import { sha512Hex } from '../core/portal/metadata';
import type { PortalConfigInput } from '../core/portal/portal-config';
import type { Clock, KioskCore, Logger } from '../core/types';
import { startReceiver, type Receiver } from '../receiver';
import type { LoadedService } from '../tests/e2e/support/service-data';
import { call, walkToCheck } from './autosave-bench';
import { msSince } from './stats';

const silent = { info() {}, warn() {}, error() {} };
const CLIENT = { id: 'bench', secret: 'bench-secret-123456' };

/** "Senden" to durable: session.submit returns only after the outbox row is committed (WAL, fsync). */
export async function measureSubmit(dir: string, resourcesDir: string, service: LoadedService, count: number) {
  const core = openKioskCore({ dataDir: join(dir, 'submit'), resourcesDir, mode: 'browser', logger: silent });
  const samples: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const sessionId = await walkToCheck(core, service);
      const start = process.hrtime.bigint();
      await call(core, 'session.submit', { sessionId });
      samples.push(msSince(start));
      await core.dispatch('session.end', { sessionId, reason: 'finished' });
    }
  } finally {
    core.close();
  }
  return samples;
}

function portalConfig(receiver: Receiver, service: LoadedService, extra: Partial<PortalConfigInput> = {}) {
  const destinationId = receiver.destinations[0]!.destinationId;
  return {
    tokenUrl: receiver.tokenUrl,
    submissionApiUrl: receiver.url,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    trustedRootPem: receiver.rootCertificatePem,
    destinations: { [service.definition.id]: destinationId },
    ...extra,
  };
}

async function statuses(core: KioskCore): Promise<string[]> {
  const result = await core.dispatch('outbox.status', {});
  if (!result.ok) throw new Error('outbox.status failed');
  return (result.value as { entries: { status: string }[] }).entries.map((entry) => entry.status);
}

/** Queues `count` applications while no portal is attached yet; resolve the returned function to attach it. */
async function queueApplications(
  dir: string,
  resourcesDir: string,
  service: LoadedService,
  count: number,
  options: { attachment?: Buffer; clock?: Clock; logger?: Logger },
): Promise<{ core: KioskCore; attach(config: PortalConfigInput): void }> {
  let attach: (config: PortalConfigInput) => void = () => {};
  const portal = new Promise<PortalConfigInput>((resolve) => (attach = resolve));
  const attachment = options.attachment;
  const core = openKioskCore({
    dataDir: dir,
    resourcesDir,
    mode: 'browser',
    logger: options.logger ?? silent,
    portal,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(attachment
      ? {
          renderAttachments: async (): Promise<NewAttachment[]> => [
            {
              purpose: 'attachment',
              mimeType: 'application/octet-stream',
              sha512: sha512Hex(attachment),
              bytes: attachment,
            },
          ],
        }
      : {}),
  });
  for (let i = 0; i < count; i++) {
    const sessionId = await walkToCheck(core, service);
    await call(core, 'session.submit', { sessionId });
    await core.dispatch('session.end', { sessionId, reason: 'finished' });
  }
  // Queued means queued with its attachment, as the kiosk makes it right after each submission.
  await core.prepareAttachments();
  return { core, attach };
}

async function until(core: KioskCore, done: (all: string[]) => boolean, step?: () => void): Promise<void> {
  for (;;) {
    await core.syncNow();
    if (done(await statuses(core))) return;
    if (step) step();
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const isSent = (status: string) => status === 'submitted' || status === 'accepted';

/** A child process printing one line that matches `ready`; killed by `stop`. */
async function spawnReady(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let out = '';
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const found = ready.exec(out);
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code} before ready`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { match, output: () => out, stop };
}

const SINK = `const s=require('node:http').createServer((q,r)=>{q.on('data',()=>{});q.on('end',()=>r.writeHead(204).end())});
s.listen(0,'127.0.0.1',()=>console.log('sink on '+s.address().port));`;

/**
 * Counts the worker's own log lines: the drain is watched, never driven. `reached(event, n)` resolves
 * when `event` has been logged `n` times; a parked or rejected application fails the run at once.
 */
function deliveryWatch(): { logger: Logger; reached(event: string, count: number): Promise<void> } {
  const counts = new Map<string, number>();
  const waiting: { event: string; count: number; resolve(): void }[] = [];
  let failure: ((error: Error) => void) | undefined;
  const failed = new Promise<never>((_, reject) => (failure = reject));
  failed.catch(() => undefined);
  const logger: Logger = {
    info(event) {
      counts.set(event, (counts.get(event) ?? 0) + 1);
      for (const wait of waiting.filter(
        (candidate) => candidate.event === event && counts.get(event)! >= candidate.count,
      ))
        wait.resolve();
    },
    warn(event, fields) {
      if (event === 'portal.parked' || event === 'portal.rejected')
        failure?.(new Error(`drain: an application was ${event.slice(7)} (${JSON.stringify(fields)})`));
    },
    error(event) {
      failure?.(new Error(`drain: ${event}`));
    },
  };
  return {
    logger,
    reached(event, count) {
      if ((counts.get(event) ?? 0) >= count) return Promise.resolve();
      return Promise.race([new Promise<void>((resolve) => waiting.push({ event, count, resolve })), failed]);
    },
  };
}

/**
 * Drain: `count` queued applications with a `bytes` attachment each, delivered to the reference
 * receiver running as its own process, as a portal would (token, destination and key, announce,
 * JWE upload, JWE send; the receiver decrypts and checks each one). The kiosk delivers at its own
 * schedule, as `npm start` runs it: the core's sync timer (one tick a second, a pass of at most 20 due
 * entries, 4 at a time) and the portal settings' defaults (the event log read every 15 s); the bench
 * only watches the worker's log lines and never calls syncNow(). Baseline, measured in the same
 * run: the same bytes encrypted the same way (compact JWE, RSA-OAEP-256/A256GCM), PUT with the same
 * concurrency (4) to a plain HTTP sink process on 127.0.0.1 that only reads the body, before and after the
 * drain. The receiver's subscriber is held back until everything is sent (see below).
 */
export async function measureDrain(
  dir: string,
  root: string,
  resourcesDir: string,
  service: LoadedService,
  count: number,
  bytes: number,
) {
  const receiverProcess = await spawnReady(
    [
      join(root, 'dist', 'node', 'receiver.mjs'),
      '--port',
      '0',
      '--quiet',
      '--data-dir',
      join(dir, 'receiver'),
      '--services-dir',
      join(resourcesDir, 'services'),
    ],
    /Reference receiver listening on (http:\/\/127\.0\.0\.1:\d+)\/[\s\S]*destination ([0-9a-f-]{36})[\s\S]*admin token \(POST \/__admin\/\*, header x-receiver-token\): (\S+)/,
    { RECEIVER_CLIENT_ID: CLIENT.id, RECEIVER_CLIENT_SECRET: CLIENT.secret },
  );
  const [, url, destinationId, adminToken] = receiverProcess.match as unknown as [string, string, string, string];
  const attachment = randomBytes(bytes);
  const watch = deliveryWatch();
  try {
    const queued = await queueApplications(join(dir, 'drain'), resourcesDir, service, count, {
      attachment,
      logger: watch.logger,
    });
    // The baseline runs before and after the drain; their mean is the reference, so that load from
    // elsewhere on the machine drifting during the run does not favour one side.
    const baselineBeforeMs = await plainUploads(url, destinationId, attachment, count);
    // The subscriber stands for the authority's own systems, which decrypt and check on their own machines at
    // their own pace: held back while sending is timed, so its decryption does not take this machine's two
    // cores from the sender. "Until accepted" includes it, released the moment everything is sent.
    const admin = (action: string) =>
      fetch(`${url}/__admin/subscriber/${action}`, { method: 'POST', headers: { 'x-receiver-token': adminToken } });
    await admin('hold');
    const start = process.hrtime.bigint();
    // The portal comes up after the kiosk, as the demo receiver of `npm start` does: the core's own timer
    // finds the backlog due at its next tick.
    queued.attach({
      tokenUrl: `${url}/token`,
      submissionApiUrl: url,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      // The receiver process's demo CA, made at its first start, certifies its encryption key.
      trustedRootPem: readFileSync(join(dir, 'receiver', 'demo-ca', 'root-cert.pem'), 'utf8'),
      destinations: { [service.definition.id]: destinationId },
    });
    await watch.reached('portal.submitted', count);
    const drainMs = msSince(start);
    await admin('release');
    await watch.reached('portal.accepted', count);
    const acceptedMs = msSince(start);
    queued.core.close();
    const baselineAfterMs = await plainUploads(url, destinationId, attachment, count);
    const baselineMs = (baselineBeforeMs + baselineAfterMs) / 2;
    return { drainMs, acceptedMs, baselineMs, baselineBeforeMs, baselineAfterMs, ratio: baselineMs / drainMs };
  } finally {
    await receiverProcess.stop();
  }
}

async function plainUploads(url: string, destinationId: string, attachment: Buffer, count: number): Promise<number> {
  const token = (await (
    await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
      }),
    })
  ).json()) as { access_token: string };
  const auth = { authorization: `Bearer ${token.access_token}` };
  const destination = (await (await fetch(`${url}/v1/destinations/${destinationId}`, { headers: auth })).json()) as {
    encryptionKid: string;
  };
  const jwk = (await (
    await fetch(`${url}/v1/destinations/${destinationId}/keys/${destination.encryptionKid}`, { headers: auth })
  ).json()) as JWK;
  const { key_ops: _ops, ...material } = jwk;
  const publicKey = await importJWK({ ...material, alg: 'RSA-OAEP-256' }, 'RSA-OAEP-256');
  const sink = await spawnReady(['-e', SINK], /sink on (\d+)/);
  const sinkUrl = `http://127.0.0.1:${sink.match[1]}/upload`;
  try {
    const start = process.hrtime.bigint();
    let next = 0;
    const lane = async () => {
      while (next < count) {
        next++;
        const jwe = await new CompactEncrypt(attachment)
          .setProtectedHeader({
            alg: 'RSA-OAEP-256',
            enc: 'A256GCM',
            kid: destination.encryptionKid,
            cty: 'application/octet-stream',
          })
          .encrypt(publicKey);
        const response = await fetch(sinkUrl, {
          method: 'PUT',
          headers: { 'content-type': 'application/jose' },
          body: jwe,
        });
        await response.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 4 }, lane));
    return msSince(start);
  } finally {
    await sink.stop();
  }
}

/** A clock the bench moves by hand: the outage lasts five simulated minutes, not five real ones. */
class SteppedClock implements Clock {
  constructor(public time = Date.now()) {}
  now = () => this.time;
  setInterval(): number {
    return 0; // timers are not needed: the bench calls syncNow itself
  }
  clearInterval(): void {}
}

/**
 * Recovery: `count` applications queued, the portal answering 503 to everything for five
 * (simulated) minutes while the worker retries with its backoff; then the portal is back.
 * Reported: how long after the portal's return the first delivery went out (the backoff's
 * cost, simulated time) and how long the whole backlog then took (real time).
 */
export async function measureRecovery(dir: string, resourcesDir: string, service: LoadedService, count: number) {
  const receiver = await startReceiver({
    dataDir: join(dir, 'receiver-outage'),
    clients: [CLIENT],
    servicesDir: join(resourcesDir, 'services'),
  });
  const clock = new SteppedClock();
  try {
    const queued = await queueApplications(join(dir, 'outage'), resourcesDir, service, count, { clock });
    receiver.faults.set({ route: '*', kind: 'status', status: 503 });
    receiver.resetRequestCounts();
    queued.attach(portalConfig(receiver, service));
    const outageEnds = clock.time + 5 * 60_000;
    while (clock.time < outageEnds) {
      await queued.core.syncNow();
      clock.time += 1_000;
    }
    const requestsDuringOutage = Object.values(receiver.requestCounts()).reduce((sum, n) => sum + n, 0);
    receiver.faults.clear();
    let firstDeliveryAt: number | undefined;
    const start = process.hrtime.bigint();
    await until(
      queued.core,
      (all) => {
        if (firstDeliveryAt === undefined && all.some(isSent)) firstDeliveryAt = clock.time;
        return all.every(isSent);
      },
      () => (clock.time += firstDeliveryAt === undefined ? 1_000 : 0),
    );
    const backlogMs = msSince(start);
    queued.core.close();
    return { waitAfterOutageS: ((firstDeliveryAt ?? clock.time) - outageEnds) / 1000, backlogMs, requestsDuringOutage };
  } finally {
    await receiver.close();
  }
}
