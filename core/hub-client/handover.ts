import { randomUUID } from 'node:crypto';
import {
  ok,
  type DeskOpening,
  type HandoverTicket,
  type LanguageCode,
  type OpeningHours,
  type Result,
} from '../../contract';
import { officeOpening } from '../offices/opening';
import type { CoreContext } from '../sessions/context';
import { endSession, requireActive } from '../sessions/lifecycle';
import { buildView } from '../sessions/session-view';
import { snapshotOf } from './activity';
import { codeQrRows, newHandoverCode, sealForHub } from './handover-seal';
import type { HubLink } from './hub-link';

/** What the handover slip needs: the code and the (catalog) service, never the answers. */
export interface IssuedHandover {
  code: string;
  serviceId: string;
  language: LanguageCode;
  /** Epoch ms, from the core's clock. */
  issuedAt: number;
  /** Until when the desk takes the code (the hub's word), and when the desk is open next (issue 14). */
  validUntil?: string;
  desk?: DeskOpening;
}

const DEFAULT_HANDOVER_TIMEOUT_MS = 10_000;

/** A deposit's outcome: not stored, stored, or stored with the hub's expiry. */
type Stored = boolean | { expiresAt: string };

/**
 * Continue at the desk: the draft, sealed for the hub, is deposited and must be confirmed before the
 * session ends; then the code is the resident's to print, held in memory only.
 */
export class Handovers {
  private issued: IssuedHandover | undefined;
  private readonly pendingDeposits = new Map<string, (stored: Stored) => void>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly link: Pick<HubLink, 'isOnline' | 'handoverKey' | 'handoverTimeoutMs' | 'send'>,
    private readonly deskHours?: OpeningHours,
  ) {}

  async handover(sessionId: string): Promise<Result<HandoverTicket>> {
    const { ctx, link } = this;
    const active = requireActive(ctx, sessionId);
    if (!active.ok) return active;
    const key = link.handoverKey;
    if (!link.isOnline || !key) return ok({ stored: false, reason: 'hub_unavailable' });
    const { row, service } = active.value;
    const view = buildView(ctx, row, service, ctx.store.readAnswers(row));
    // The draft is what the consented live view shows: the session as the resident sees it, and what is
    // typed on the page on screen, apart from the answers since it was never confirmed (issue 14).
    const sealedDraft = await sealForHub(
      { ...snapshotOf(view), ...(view.pageDraft ? { pending: view.pageDraft } : {}) },
      key,
    );
    const handoverId = randomUUID();
    const code = newHandoverCode();
    const stored = new Promise<Stored>((resolve) => {
      const timer = setTimeout(() => resolve(false), link.handoverTimeoutMs ?? DEFAULT_HANDOVER_TIMEOUT_MS);
      this.pendingDeposits.set(handoverId, (value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    const sent = link.send({
      type: 'handover.deposit',
      handoverId,
      code,
      serviceId: view.serviceId,
      language: view.language,
      sealedDraft,
    });
    const confirmed = sent && (await stored);
    this.pendingDeposits.delete(handoverId);
    if (!confirmed) {
      ctx.logger.warn('handover.unconfirmed', { sessionId });
      return ok({ stored: false, reason: sent ? 'timeout' : 'hub_unavailable' });
    }
    const qr = await codeQrRows(code);
    endSession(ctx, sessionId, 'handover');
    const validUntil = typeof confirmed === 'object' ? confirmed.expiresAt : undefined;
    const desk = this.deskHours ? officeOpening(this.deskHours, ctx.clock.now()) : undefined;
    const times = { ...(validUntil ? { validUntil } : {}), ...(desk ? { desk } : {}) };
    // In memory only: the slip may print this code, and nothing else, until "Fertig" or the next session.
    this.issued = { code, serviceId: view.serviceId, language: view.language, issuedAt: ctx.clock.now(), ...times };
    return ok({ stored: true, code, qr, ...times });
  }

  /** The hub stored the deposit (and says until when the desk takes the code). */
  onStored(handoverId: string, expiresAt?: string): void {
    this.pendingDeposits.get(handoverId)?.(expiresAt ? { expiresAt } : true);
  }

  /** The handover this kiosk issued last, if `code` is its code and it is still current; else undefined. */
  issuedHandover(code: string): IssuedHandover | undefined {
    const { ctx } = this;
    // The handover screen goes after the idle timeout; so does the right to print its code.
    if (this.issued && ctx.clock.now() - this.issued.issuedAt > ctx.idle.timeoutMs + ctx.idle.warningMs)
      this.issued = undefined;
    return this.issued?.code === code ? this.issued : undefined;
  }

  /** Forgets the issued code; says whether there was one. */
  forget(): boolean {
    const had = this.issued !== undefined;
    this.issued = undefined;
    return had;
  }

  /** Deposits still waiting count as not stored. */
  stop(): void {
    for (const resolve of this.pendingDeposits.values()) resolve(false);
  }
}
