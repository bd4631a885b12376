import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONSOLE_API_PREFIX } from '../contract/hub';
import { ACCOUNT_LIMIT } from '../hub/login-throttle';
import { http, type HttpResult } from '../tests/fixtures/hub-wire';
import { argNumber, type BenchContext } from './bench-context';
import { startHubProcess } from './hub-bench';
import { percentile } from './stats';
import { ROOT } from '../tests/e2e/support/paths';

/**
 * Login under a guessing attack (issue 17): the hub as its own process (dist/node/hub.mjs); 1,000 wrong
 * passwords against one account from 20 real source addresses (127.0.1.1–20, Linux routes all of 127/8 to
 * loopback), the addresses in parallel and each pacing its guesses over the attack; meanwhile the account's
 * owner logs in from the desk that logged in before (its device cookie) every --login-interval-ms.
 * Measured: the owner's login latency (p95 ≤ 500 ms, every one let in), and the password checks the attack
 * got (401 rather than 429) in any window of the configured per-account limit (≤ its maximum).
 */
const ADDRESSES = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deviceCookie(result: HttpResult): string | undefined {
  return ((result.headers['set-cookie'] as string[] | undefined) ?? [])
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('hub_device_'));
}

/** The most of `times` (ms, sorted) inside any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end]! - times[start]! >= windowMs) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

export async function loginSection({ tmp, rows }: BenchContext): Promise<void> {
  const guesses = argNumber('--login-guesses', 1_000);
  const attackMs = argNumber('--login-attack-ms', 60_000);
  // The 10 s would give 6 logins in a minute's attack, too few for a p95: 2 s gives 30.
  const intervalMs = argNumber('--login-interval-ms', 2_000);
  console.error(
    `bench: login, ${guesses} wrong passwords from ${ADDRESSES} addresses over ${attackMs / 1000} s, the owner every ${intervalMs / 1000} s`,
  );
  const hubScript = join(ROOT, 'dist', 'node', 'hub.mjs');
  const dataDir = mkdtempSync(join(tmp, 'hub-login-'));
  const created = spawnSync(
    process.execPath,
    [hubScript, 'create-admin', '--data-dir', dataDir, '--username', 'owner', '--display-name', 'Owner'],
    { encoding: 'utf8' },
  );
  const password = /Password[^:]*: (\S+)/.exec(created.stdout)?.[1];
  if (!password) throw new Error(`create-admin failed: ${created.stderr}`);
  const { child, url } = await startHubProcess(hubScript, dataDir);
  try {
    const loginUrl = `${url}${CONSOLE_API_PREFIX}/login`;
    const desk = '127.0.0.2';
    const first = await http(loginUrl, { method: 'POST', body: { username: 'owner', password }, localAddress: desk });
    let device = deviceCookie(first);
    if (first.status !== 200 || !device) throw new Error(`first login ${first.status}`);

    const started = performance.now();
    const checkedAt: number[] = [];
    const statuses = new Map<number, number>();
    const perAddress = Math.ceil(guesses / ADDRESSES);
    const attack = Array.from({ length: ADDRESSES }, async (_, address) => {
      for (let index = 0; index < perAddress && address * perAddress + index < guesses; index += 1) {
        // Paced, so the attack lasts as long as the owner's logins.
        const due = started + (index * attackMs) / perAddress + (address * attackMs) / perAddress / ADDRESSES;
        await sleep(Math.max(0, due - performance.now()));
        const result = await http(loginUrl, {
          method: 'POST',
          body: { username: 'owner', password: `wrong-${address}-${index}-guess` },
          localAddress: `127.0.1.${address + 1}`,
        });
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (result.status === 401) checkedAt.push(performance.now() - started);
      }
    });
    const ownerMs: number[] = [];
    let ownerRefused = 0;
    const owner = (async () => {
      for (let at = intervalMs; at < attackMs; at += intervalMs) {
        await sleep(Math.max(0, started + at - performance.now()));
        const before = performance.now();
        const result = await http(loginUrl, {
          method: 'POST',
          body: { username: 'owner', password },
          localAddress: desk,
          headers: { cookie: device! },
        });
        ownerMs.push(performance.now() - before);
        if (result.status === 200) device = deviceCookie(result) ?? device;
        else ownerRefused += 1;
      }
    })();
    await Promise.all([...attack, owner]);

    const checkedMaxWindow = maxInWindow(
      checkedAt.sort((a, b) => a - b),
      ACCOUNT_LIMIT.windowMs,
    );
    const p95 = percentile(ownerMs, 95);
    rows.push({ name: 'login_attack_guesses', value: guesses, unit: 'requests', target: null });
    rows.push({ name: 'login_attack_refused_429', value: statuses.get(429) ?? 0, unit: 'requests', target: null });
    rows.push({ name: 'login_attack_checked', value: checkedAt.length, unit: 'requests', target: null });
    rows.push({
      name: 'login_attack_checked_max_per_window',
      value: checkedMaxWindow,
      unit: `per ${ACCOUNT_LIMIT.windowMs / 1000} s`,
      target: `<= ${ACCOUNT_LIMIT.maxChecksPerWindow}`,
      pass: checkedMaxWindow <= ACCOUNT_LIMIT.maxChecksPerWindow,
    });
    const other = [...statuses].filter(([status]) => status !== 401 && status !== 429).reduce((n, [, c]) => n + c, 0);
    rows.push({ name: 'login_attack_other_status', value: other, unit: 'requests', target: '0', pass: other === 0 });
    rows.push({ name: 'login_owner_logins', value: ownerMs.length, unit: 'logins', target: null });
    rows.push({
      name: 'login_owner_refused',
      value: ownerRefused,
      unit: 'logins',
      target: '0',
      pass: ownerRefused === 0,
    });
    rows.push({ name: 'login_owner_p50', value: percentile(ownerMs, 50), unit: 'ms', target: null });
    rows.push({ name: 'login_owner_p95', value: p95, unit: 'ms', target: '<= 500', pass: p95 <= 500 });
  } finally {
    child.kill('SIGTERM');
  }
}
