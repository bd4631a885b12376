import type { JWK } from 'jose';
import { generateStoredKey, type KeyPurpose, type ReceiverKeySet, type StoredKey } from '../crypto/keys';
import type { ReceiverDb } from './open-receiver-db';

/**
 * Key pairs in receiver.db: one current key per purpose, generated on first start. Rotation retires the
 * current key rather than deleting it, so applications already received can still be decrypted for listing.
 */
interface KeyRow {
  kid: string;
  purpose: KeyPurpose;
  private_jwk: string;
  public_jwk: string;
}

const PURPOSES: KeyPurpose[] = ['encryption', 'subscriber-signing', 'service-signing'];

function fromRow(row: KeyRow): StoredKey {
  return {
    kid: row.kid,
    purpose: row.purpose,
    privateJwk: JSON.parse(row.private_jwk) as JWK,
    publicJwk: JSON.parse(row.public_jwk) as JWK,
  };
}

export class KeyStore {
  private readonly current = new Map<KeyPurpose, StoredKey>();

  constructor(
    private readonly db: ReceiverDb,
    private readonly now: () => number,
    /** Adds the `x5c` chain to an encryption key's public JWK (the demo CA, crypto/demo-ca.ts). */
    private readonly certify?: (publicJwk: JWK) => string[],
  ) {}

  /** Loads the current keys; a purpose without one takes it from `initial` or generates it (in parallel). */
  async init(initial?: ReceiverKeySet): Promise<void> {
    const missing: KeyPurpose[] = [];
    for (const purpose of PURPOSES) {
      const row = this.db
        .prepare('SELECT kid, purpose, private_jwk, public_jwk FROM keys WHERE purpose = ? AND retired_at IS NULL')
        .get(purpose) as KeyRow | undefined;
      if (row) this.current.set(purpose, this.certified(fromRow(row), true));
      else missing.push(purpose);
    }
    const generated = await Promise.all(
      missing.map((purpose) => (initial ? Promise.resolve(initial[purpose]) : generateStoredKey(purpose))),
    );
    for (const generatedKey of generated) {
      const key = this.certified(generatedKey, false);
      this.insert(key);
      this.current.set(key.purpose, key);
    }
  }

  get(purpose: KeyPurpose): StoredKey {
    const key = this.current.get(purpose);
    if (!key) throw new Error(`no current ${purpose} key`);
    return key;
  }

  /** Any key ever held (current or retired), e.g. to decrypt an old application for listing. */
  byKid(kid: string): StoredKey | undefined {
    const row = this.db.prepare('SELECT kid, purpose, private_jwk, public_jwk FROM keys WHERE kid = ?').get(kid) as
      KeyRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Replaces the current key of a purpose with a fresh one; the old one stops being offered or accepted. */
  async rotate(purpose: KeyPurpose): Promise<{ oldKid: string; newKid: string }> {
    const old = this.get(purpose);
    const fresh = this.certified(await generateStoredKey(purpose), false);
    this.db.transaction(() => {
      this.db.prepare('UPDATE keys SET retired_at = ? WHERE kid = ?').run(this.now(), old.kid);
      this.insert(fresh);
    })();
    this.current.set(purpose, fresh);
    return { oldKid: old.kid, newKid: fresh.kid };
  }

  /** An encryption key with its certificate chain; one stored without (an older data folder) gets it now. */
  private certified(key: StoredKey, stored: boolean): StoredKey {
    if (key.purpose !== 'encryption' || !this.certify || key.publicJwk.x5c) return key;
    const publicJwk = { ...key.publicJwk, x5c: this.certify(key.publicJwk) };
    if (stored) this.db.prepare('UPDATE keys SET public_jwk = ? WHERE kid = ?').run(JSON.stringify(publicJwk), key.kid);
    return { ...key, publicJwk };
  }

  private insert(key: StoredKey): void {
    this.db
      .prepare(
        'INSERT INTO keys (kid, purpose, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?, NULL)',
      )
      .run(key.kid, key.purpose, JSON.stringify(key.privateJwk), JSON.stringify(key.publicJwk), this.now());
  }
}
