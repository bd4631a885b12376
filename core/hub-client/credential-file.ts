import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { makeFilesPrivate, writePrivateFileAtomically } from '../fs/private-files';
import { EnrolResponseSchema, type EnrolResponse } from '../../contract/hub';

/** The device credential from enrolment, with the hub's handover key: one file, mode 0600, never logged. */
export const CREDENTIAL_FILE = 'hub-terminal.json';

export function readCredential(dataDir: string): EnrolResponse | undefined {
  const file = join(dataDir, CREDENTIAL_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  makeFilesPrivate(file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined; // a damaged file: the kiosk runs without the hub until it is enrolled again
  }
  const parsed = EnrolResponseSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Written to a temporary file created 0600 and renamed over, so a crash never leaves half a credential. */
export function writeCredential(dataDir: string, credential: EnrolResponse): void {
  const file = join(dataDir, CREDENTIAL_FILE);
  writePrivateFileAtomically(file, JSON.stringify(credential));
}

/** A revoked terminal forgets its credential. */
export function deleteCredential(dataDir: string): void {
  rmSync(join(dataDir, CREDENTIAL_FILE), { force: true });
}
