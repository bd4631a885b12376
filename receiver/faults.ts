import { randomUUID } from 'node:crypto';
import type { ApiRouteName } from './http/routes';

/**
 * Fault injection, switchable at runtime and targetable per route, each rule with a count, so a test can
 * script sequences ("the next 2 sends answer 503, then one is cut off mid-response").
 *
 * Transport faults act before (or, for `truncate` and `reset` in the response phase, after) the request is
 * handled; `expiredToken` and `forceReject` act inside the handlers. Rules are evaluated in the order added.
 */
export type FaultRoute = ApiRouteName | '*';

interface RuleBase {
  route: FaultRoute;
  /** How often the rule fires before it is used up. Default: until cleared. */
  times?: number;
  /** Let this many matching requests pass before firing (e.g. skip: 1 → fail the 2nd). Default 0. */
  skip?: number;
}

export type FaultRule = RuleBase &
  (
    | { kind: 'status'; /** default 503 */ status?: number }
    | { kind: 'throttle'; /** default 1 */ retryAfterSeconds?: number }
    | { kind: 'latency'; delayMs: number }
    /** request phase (default): the connection is reset before the request is handled — nothing happened.
     *  response phase: the request is handled, then the connection is reset — it happened, without an answer. */
    | { kind: 'reset'; phase?: 'request' | 'response' }
    /** The request is handled; the response is cut off halfway and the connection closed. */
    | { kind: 'truncate' }
    /** 401 as if the token had expired; the presented token is revoked, so a retry needs a new token. */
    | { kind: 'unauthorized' }
    /** Token route: the token issued is already expired (its expires_in still looks normal). */
    | { kind: 'expiredToken' }
    /** Send route: the submission is accepted by the API, then rejected by the subscriber (schema-violation). */
    | { kind: 'forceReject' }
  );

export type FaultKind = FaultRule['kind'];
export const TRANSPORT_KINDS: ReadonlySet<FaultKind> = new Set([
  'status',
  'throttle',
  'reset',
  'truncate',
  'unauthorized',
]);

export interface ActiveFault {
  id: string;
  rule: FaultRule;
  remaining: number;
  skipRemaining: number;
}

export interface FaultFiring {
  id: string;
  kind: FaultKind;
  route: ApiRouteName;
}

export class FaultRules {
  private rules: ActiveFault[] = [];
  private readonly history: FaultFiring[] = [];

  add(rule: FaultRule): string {
    validateRule(rule);
    const id = randomUUID();
    this.rules.push({ id, rule, remaining: rule.times ?? Infinity, skipRemaining: rule.skip ?? 0 });
    return id;
  }

  /** Replaces every rule. */
  set(rules: FaultRule | FaultRule[]): string[] {
    const list = Array.isArray(rules) ? rules : [rules];
    list.forEach(validateRule);
    this.rules = [];
    return list.map((rule) => this.add(rule));
  }

  remove(id: string): void {
    this.rules = this.rules.filter((active) => active.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((active) => ({ ...active, rule: { ...active.rule } }));
  }

  /** Every fault that fired, oldest first: lets a test show that a fault really happened. */
  fired(): FaultFiring[] {
    return [...this.history];
  }

  /** Latency rules matching the route (all of them fire), then the first transport rule that fires. */
  takeTransport(route: ApiRouteName): { delayMs: number; terminal?: FaultRule } {
    let delayMs = 0;
    for (const active of this.matching(route, (kind) => kind === 'latency')) {
      if (this.fire(active, route)) delayMs += (active.rule as { delayMs: number }).delayMs;
    }
    for (const active of this.matching(route, (kind) => TRANSPORT_KINDS.has(kind))) {
      if (this.fire(active, route)) return { delayMs, terminal: active.rule };
    }
    return { delayMs };
  }

  /** For the in-handler faults: true if a rule of this kind fires for this request. */
  take(route: ApiRouteName, kind: 'expiredToken' | 'forceReject'): boolean {
    for (const active of this.matching(route, (candidate) => candidate === kind)) {
      if (this.fire(active, route)) return true;
    }
    return false;
  }

  private matching(route: ApiRouteName, kind: (kind: FaultKind) => boolean): ActiveFault[] {
    return this.rules.filter(
      (active) => (active.rule.route === '*' || active.rule.route === route) && kind(active.rule.kind),
    );
  }

  private fire(active: ActiveFault, route: ApiRouteName): boolean {
    if (active.remaining <= 0) return false;
    if (active.skipRemaining > 0) {
      active.skipRemaining -= 1;
      return false;
    }
    active.remaining -= 1;
    this.history.push({ id: active.id, kind: active.rule.kind, route });
    if (active.remaining <= 0) this.remove(active.id);
    return true;
  }
}

const ROUTES_FOR_KIND: Partial<Record<FaultKind, FaultRoute[]>> = {
  expiredToken: ['token', '*'],
  forceReject: ['send', '*'],
};

function validateRule(rule: FaultRule): void {
  const allowed = ROUTES_FOR_KIND[rule.kind];
  if (allowed && !allowed.includes(rule.route)) {
    throw new Error(`fault ${rule.kind} applies only to route ${allowed[0]}`);
  }
  if (rule.kind === 'status' && rule.status !== undefined && (rule.status < 400 || rule.status > 599)) {
    throw new Error('fault status must be 4xx or 5xx');
  }
  if (rule.kind === 'latency' && !(rule.delayMs >= 0)) throw new Error('latency needs delayMs ≥ 0');
  if (rule.times !== undefined && !(rule.times >= 1)) throw new Error('times must be ≥ 1');
}
