import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReceiverFlags, RECEIVER_USAGE, ReceiverFlagError, type ReceiverFlags } from './cli-args';
import { findProjectRoot } from './project-root';
import { listReceivedFromDataDir } from './received';
import { startReceiver } from './start-receiver';

/**
 * Runs the reference receiver on its own: `receiver --port 8090 --data-dir <dir>` prints its URL and serves
 * until stopped; `receiver --list` prints what it has received. Importable: main() does nothing until called.
 */
const say = (line: string) => process.stdout.write(`${line}\n`);

export async function runReceiverCli(flags: ReceiverFlags): Promise<(() => Promise<void>) | undefined> {
  if (flags.help) {
    say(RECEIVER_USAGE);
    return undefined;
  }
  const dataDir = flags.dataDir ?? path.join(findProjectRoot(), '.receiver-data');
  if (flags.list) {
    const applications = await listReceivedFromDataDir(dataDir);
    say(
      JSON.stringify(
        applications.map((application) => ({
          ...application,
          attachments: application.attachments.map(({ content, ...rest }) => ({
            ...rest,
            size: content?.length ?? null,
          })),
        })),
        null,
        2,
      ),
    );
    return undefined;
  }
  const receiver = await startReceiver({
    port: flags.port,
    dataDir,
    clients: [{ id: flags.clientId, secret: flags.clientSecret }],
    ...(flags.servicesDir ? { servicesDir: flags.servicesDir } : {}),
    ...(flags.quiet ? {} : { log: (line: string) => process.stderr.write(`${line}\n`) }),
  });
  say(`Reference receiver listening on ${receiver.url}/`);
  say(`  token endpoint ${receiver.tokenUrl} (client_id ${flags.clientId})`);
  for (const destination of receiver.destinations) say(`  destination ${destination.destinationId}`);
  // The token is printed here once and nowhere else: /demo needs it, and /__admin/* in its header.
  say(`  received applications: ${receiver.demoUrl} (deleted an hour after they are decided on)`);
  say(`  admin token (POST /__admin/*, header x-receiver-token): ${receiver.accessToken}`);
  if (flags.demo) say(`  --demo: the published client secret is accepted`);
  say(`  demo CA root certificate (a sender's trusted root): ${receiver.rootCertificateFile}`);
  return () => receiver.close();
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    const stop = await runReceiverCli(parseReceiverFlags(argv, process.env));
    if (!stop) return;
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
  } catch (error) {
    const message =
      error instanceof ReceiverFlagError
        ? `${error.message}\n${RECEIVER_USAGE}`
        : String((error as Error)?.message ?? error);
    process.stderr.write(`receiver could not start: ${message}\n`);
    process.exit(1);
  }
}

/** Run when this module is the program's entry (directly or as a bundle), not when imported. */
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
