import { statement } from '../db/statements';
import type { Db } from '../../core/db/open-database';
import { sha256 } from '../secrets';

/** How long a deposited draft waits for the desk. */
export const HANDOVER_TTL_MS = 24 * 60 * 60_000;

export interface HandoverRecord {
  handoverId: string;
  terminalId: string;
  serviceId: string;
  language: string;
  sealedDraft: string | null;
  createdAt: number;
  submittedAt: number | null;
  reference: string | null;
  /** The member of staff the code is bound to since they opened it; null when nobody holds it. */
  openedBy: string | null;
}

interface HandoverRow {
  handover_id: string;
  terminal_id: string;
  service_id: string;
  language: string;
  sealed_draft: string | null;
  created_at: number;
  submitted_at: number | null;
  reference: string | null;
  opened_by: string | null;
}

const toRecord = (row: HandoverRow): HandoverRecord => ({
  handoverId: row.handover_id,
  terminalId: row.terminal_id,
  serviceId: row.service_id,
  language: row.language,
  sealedDraft: row.sealed_draft,
  createdAt: row.created_at,
  submittedAt: row.submitted_at,
  reference: row.reference,
  openedBy: row.opened_by,
});

/** Drafts handed to the desk, still sealed for the hub's key; the code is stored as a hash only. */
export class HandoverStore {
  /** `ttlMs`: the demo hub keeps drafts one hour (hub/local-hub.ts), a town's hub HANDOVER_TTL_MS. */
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
    readonly ttlMs: number = HANDOVER_TTL_MS,
  ) {}

  deposit(input: {
    handoverId: string;
    code: string;
    terminalId: string;
    serviceId: string;
    language: string;
    sealedDraft: string;
  }): boolean {
    return (
      statement(
        this.db,
        `INSERT OR IGNORE INTO handovers (handover_id, code_hash, terminal_id, service_id, language, sealed_draft, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.handoverId,
        sha256(input.code),
        input.terminalId,
        input.serviceId,
        input.language,
        input.sealedDraft,
        this.now(),
      ).changes === 1
    );
  }

  /** An open (not submitted, not expired) handover by its code. */
  byCode(code: string): HandoverRecord | undefined {
    const row = statement(
      this.db,
      'SELECT * FROM handovers WHERE code_hash = ? AND sealed_draft IS NOT NULL AND created_at > ?',
    ).get(sha256(code), this.now() - this.ttlMs) as HandoverRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  get(handoverId: string): HandoverRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM handovers WHERE handover_id = ?').get(handoverId) as
      HandoverRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /**
   * Binds the code to `staffId`: true when nobody held it or they did already; `takeOver` (an admin) binds it
   * whoever held it. One statement, so two desks opening the same code at once cannot both get it.
   */
  bind(handoverId: string, staffId: string, takeOver = false): boolean {
    return (
      statement(
        this.db,
        `UPDATE handovers SET opened_by = ?, opened_at = COALESCE(opened_at, ?)
           WHERE handover_id = ? AND (? OR opened_by IS NULL OR opened_by = ?)`,
      ).run(staffId, this.now(), handoverId, takeOver ? 1 : 0, staffId).changes === 1
    );
  }

  /** The holder lets the code go: another member of staff may open it. */
  release(handoverId: string, staffId: string): boolean {
    return (
      statement(this.db, 'UPDATE handovers SET opened_by = NULL WHERE handover_id = ? AND opened_by = ?').run(
        handoverId,
        staffId,
      ).changes === 1
    );
  }

  /** Past its time: refused at once, before the sweeper (purgeExpired) has dropped its draft. */
  expired(record: HandoverRecord): boolean {
    return record.createdAt <= this.now() - HANDOVER_TTL_MS;
  }

  /** The draft is submitted: its sealed copy goes (secure_delete overwrites it). */
  markSubmitted(handoverId: string, reference: string): void {
    statement(
      this.db,
      'UPDATE handovers SET sealed_draft = NULL, submitted_at = ?, reference = ? WHERE handover_id = ?',
    ).run(this.now(), reference, handoverId);
  }

  /** A prepared visit the desk has taken over: its sealed copy goes, nothing was sent. */
  markClosed(handoverId: string): void {
    statement(this.db, 'UPDATE handovers SET sealed_draft = NULL WHERE handover_id = ?').run(handoverId);
  }

  /** Drops drafts nobody opened in time. */
  purgeExpired(): number {
    return statement(
      this.db,
      'UPDATE handovers SET sealed_draft = NULL WHERE sealed_draft IS NOT NULL AND created_at <= ?',
    ).run(this.now() - this.ttlMs).changes;
  }
}
