import type { Reachability } from '../../contract/hub/health';
import { AppointmentError, type AppointmentClient } from '../appointments/appointment-client';

/** Failures that say the appointment system could not be reached (not that it refused a request). */
const UNREACHABLE = new Set(['timeout', 'unreachable', 'server']);

export interface WatchedAppointments {
  attach(client: AppointmentClient | undefined): AppointmentClient | undefined;
  reachability(): Reachability;
  lastFailureAt(): number | undefined;
}

/**
 * The appointment system as the health report sees it (issue 20): each call's outcome, through a client that
 * passes every call on unchanged. Before the first call it is `unknown`; without a client, `not_configured`.
 */
export function watchAppointments(now: () => number, onChange: () => void = () => undefined): WatchedAppointments {
  let configured = false;
  let reachable: boolean | undefined;
  let failedAt: number | undefined;
  const note = (answered: boolean) => {
    const changed = reachable !== answered;
    reachable = answered;
    if (changed) onChange();
  };
  const noted = <T>(call: () => Promise<T>): Promise<T> =>
    call().then(
      (value) => {
        note(true);
        return value;
      },
      (error: unknown) => {
        const down = !(error instanceof AppointmentError) || UNREACHABLE.has(error.kind);
        if (down) failedAt = now();
        note(!down);
        throw error;
      },
    );
  return {
    attach(client) {
      if (!client) return undefined;
      configured = true;
      return {
        freeDays: (...args) => noted(() => client.freeDays(...args)),
        freeTimes: (...args) => noted(() => client.freeTimes(...args)),
        reserve: (...args) => noted(() => client.reserve(...args)),
        update: (...args) => noted(() => client.update(...args)),
        confirm: (...args) => noted(() => client.confirm(...args)),
        cancel: (...args) => noted(() => client.cancel(...args)),
        get: (...args) => noted(() => client.get(...args)),
        serviceOf: (appointment) => client.serviceOf(appointment),
        offers: (serviceId) => client.offers(serviceId),
        walkIns: client.walkIns && {
          offices: () => client.walkIns!.offices(),
          takeNumber: (officeId) => noted(() => client.walkIns!.takeNumber(officeId)),
        },
        close: () => client.close(),
      };
    },
    reachability: () =>
      !configured ? 'not_configured' : reachable === undefined ? 'unknown' : reachable ? 'reachable' : 'unreachable',
    lastFailureAt: () => failedAt,
  };
}
