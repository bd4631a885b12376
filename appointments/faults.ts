/**
 * Fault injection for tests and the demo: the next matching request(s) of a route answer slowly, with a
 * server error, or find their time taken by another kiosk between listing and reserving. Reservations
 * expiring early is Booking.expireHeld.
 */
export const ROUTE_NAMES = [
  'offices-and-services',
  'available-calendar',
  'reserve-appointment',
  'update-appointment',
  'preconfirm-appointment',
  'confirm-appointment',
  'cancel-appointment',
  'appointment',
  // zmsapi's ticket-printer route (./walk-in.ts), beside the citizen API.
  'waitingnumber',
] as const;
export type RouteName = (typeof ROUTE_NAMES)[number];

export interface FaultRule {
  /** Which route; every route when absent. */
  route?: RouteName;
  /** Answer only after this long (the request is still carried out). */
  delayMs?: number;
  /** Answer this server error instead of carrying the request out (502 comes as a proxy's plain text). */
  status?: 500 | 502 | 503;
  /** reserve-appointment: another kiosk takes the requested time just before this request is handled. */
  takeSlot?: boolean;
  /** How many requests it applies to (default 1; Infinity: until cleared). */
  times?: number;
}

export class Faults {
  private rules: Array<FaultRule & { left: number }> = [];
  readonly fired: Array<{ route: RouteName; rule: FaultRule }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule for this request, used up by it; undefined when none applies. */
  take(route: RouteName): FaultRule | undefined {
    const rule = this.rules.find((candidate) => candidate.left > 0 && (!candidate.route || candidate.route === route));
    if (!rule) return undefined;
    rule.left -= 1;
    this.rules = this.rules.filter((candidate) => candidate.left > 0);
    this.fired.push({ route, rule });
    return rule;
  }
}
