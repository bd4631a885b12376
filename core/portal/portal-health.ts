import { PortalError } from './portal-error';

export type PortalProblemCode = 'portal_unreachable' | 'portal_refused' | 'internal';

export interface PortalHealth {
  portal: 'reachable' | 'unreachable' | 'unknown';
  lastProblem: { code: PortalProblemCode; at: number } | undefined;
}

/**
 * The portal as the sync worker last saw it, and its last problem by class (codes only), for the terminal's health
 * report (issue 20).
 */
export class PortalHealthWatch {
  private answered: boolean | undefined;
  private lastProblem: PortalHealth['lastProblem'];

  delivered(): void {
    this.answered = true;
  }

  failed(error: unknown, at: number): void {
    if (!(error instanceof PortalError)) this.lastProblem = { code: 'internal', at };
    else if (error.kind === 'permanent') {
      // The portal answered, and refused.
      this.answered = true;
      this.lastProblem = { code: 'portal_refused', at };
    } else {
      this.answered = false;
      this.lastProblem = { code: 'portal_unreachable', at };
    }
  }

  view(): PortalHealth {
    const portal = this.answered === undefined ? 'unknown' : this.answered ? 'reachable' : 'unreachable';
    return { portal, lastProblem: this.lastProblem };
  }
}
