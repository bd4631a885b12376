import type { RouteName } from './http/routes';

/** Requests seen per route, faulted ones included, so a test can bound what a sender sends. */
export type RequestCounts = Record<RouteName, number>;

function zero(): RequestCounts {
  return {
    token: 0,
    jwks: 0,
    destination: 0,
    destinationKey: 0,
    announce: 0,
    attachment: 0,
    send: 0,
    events: 0,
    demo: 0,
    admin: 0,
    unknown: 0,
  };
}

export class RequestCounter {
  private counts = zero();

  count(route: RouteName): void {
    this.counts[route] += 1;
  }

  snapshot(): RequestCounts {
    return { ...this.counts };
  }

  reset(): void {
    this.counts = zero();
  }
}
