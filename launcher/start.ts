import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FlagError, parseFlags, USAGE } from './args';
import { runBrowserMode, StartupError } from './browser-mode';
import { findElectronBinary } from './electron-binary';
import { projectPaths, rootFromModule } from './paths';
import { startModeLine } from './production';

/**
 * `npm start`: Electron when its binary is installed, else browser kiosk mode.
 * Start-up failures print one clear line and exit 1 (a stack trace only with DEBUG).
 */

const say = (line: string) => process.stdout.write(`${line}\n`);

function failAndExit(error: unknown): never {
  const known = error instanceof StartupError || error instanceof FlagError;
  process.stderr.write(
    `Bürgerkiosk could not start: ${known ? error.message : String((error as Error)?.message ?? error)}\n`,
  );
  if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}

function runElectron(binary: string, mainFile: string, argv: readonly string[]): void {
  const child = spawn(binary, [mainFile, ...argv], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('error', (error) => failAndExit(new StartupError(`Electron could not be started (${error.message})`)));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flags = parseFlags(argv, process.env);
  if (flags.help) {
    say(USAGE);
    return;
  }
  // The first line says demo or production, before anything else is printed.
  const modeLine = startModeLine(flags);
  if (modeLine) say(modeLine);
  const paths = projectPaths(rootFromModule(import.meta.url));

  if (!flags.browser) {
    const binary = findElectronBinary(paths.root);
    if (binary && existsSync(paths.electronMain)) {
      runElectron(binary, paths.electronMain, argv);
      return;
    }
    say('Electron is not available on this machine (no binary) — starting the browser kiosk mode.');
  }

  const stop = await runBrowserMode(flags, paths, say);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(failAndExit);
