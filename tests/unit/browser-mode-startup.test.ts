// @vitest-environment node
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFlags } from '../../launcher/args';
import { runBrowserMode, StartupError } from '../../launcher/browser-mode';
import { projectPaths } from '../../launcher/paths';
import { openTestCore } from '../fixtures/core-harness';
import { createRendererFixture, postJson } from './transport-helpers';

const root = path.resolve(import.meta.dirname, '..', '..');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Browser mode with a stand-in renderer and the real core, resources and data directory. */
function start(dataDir: string) {
  const fixture = createRendererFixture();
  cleanups.push(fixture.cleanup);
  const lines: string[] = [];
  const flags = parseFlags(
    ['--browser', '--no-open', '--port', '0', '--data-dir', dataDir, '--no-portal', '--no-hub'],
    {},
  );
  const running = runBrowserMode(flags, { ...projectPaths(root), rendererDir: fixture.rendererDir }, (line) =>
    lines.push(line),
  );
  return { running, lines };
}

function portOf(lines: string[]): number {
  const match = lines.map((line) => /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)).find(Boolean);
  if (!match) throw new Error(`no ready line in ${JSON.stringify(lines)}`);
  return Number(match[1]);
}

describe('browser mode start-up', () => {
  it('listens, opens the core and answers calls from it; stop closes both', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-start-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { running, lines } = start(dataDir);
    const stop = await running;
    const port = portOf(lines);
    const info = JSON.parse((await postJson(port, 'kiosk.info', '{}')).body);
    expect(info).toMatchObject({ ok: true, value: { mode: 'browser', defaultLanguage: 'de' } });
    await stop();
    await expect(postJson(port, 'kiosk.info', '{}')).rejects.toThrow();
  });

  it('refuses a database with a different migration history: one clear error, and the port is closed again', async () => {
    const kiosk = openTestCore();
    kiosk.close();
    cleanups.push(() => rmSync(kiosk.dataDir, { recursive: true, force: true }));
    const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'));
    db.exec("UPDATE schema_migrations SET checksum = 'abc' WHERE version = 1");
    db.close();

    const { running, lines } = start(kiosk.dataDir);
    const error = await running.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/could not open its data: .*different checksum/);
    await expect(postJson(portOf(lines), 'kiosk.info', '{}')).rejects.toThrow();
  });
});
