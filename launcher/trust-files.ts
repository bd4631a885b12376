import { readFileSync } from 'node:fs';
import { parsePemCertificates } from '../core/net/pem';
import { StartupError } from './startup-error';

/**
 * Reads a PEM certificate file named in the settings (`--ca-file`, the portal configuration's
 * `trustedRootCertificate` or `caFile`). An unreadable file, or one without a valid certificate, stops the
 * start with the file and the setting named: trusting nothing, or the wrong thing, must not pass silently.
 */
export function readCertificateFile(file: string): string {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`the certificate file ${file} cannot be read (${code ?? 'unknown error'})`);
  }
  try {
    parsePemCertificates(pem);
  } catch (error) {
    throw new Error(`the certificate file ${file} is not valid (${(error as Error).message})`);
  }
  return pem;
}

/** `--ca-file` (env KIOSK_CA_FILE): the town's CA as PEM, or a StartupError naming the flag and the file. */
export function readCaFile(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readCertificateFile(file);
  } catch (error) {
    throw new StartupError(`--ca-file: ${(error as Error).message}`);
  }
}
