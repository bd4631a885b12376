import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** argon2id with OWASP's minimum (19 MiB, 2 passes): about 60 ms a hash here. */
// Algorithm is a const enum (no runtime object under isolatedModules): 2 is Argon2id.
const OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against for unknown usernames, so a wrong name costs as long as a wrong password. */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('not-a-password-of-anyone'));
}
