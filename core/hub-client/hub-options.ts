import type { BackoffPolicy } from './hub-connection';

/** The help-desk hub a kiosk reports to; without it the kiosk works alone and help points to the desk. */
export interface HubOptions {
  /** Base URL, e.g. https://hub.stade.local:8443 */
  url: string;
  /** One-time code from the hub's admin; used only while no credential is stored. */
  enrolmentCode?: string;
  /** A device credential handed over directly (npm start's local hub enrols its own terminal); not stored. */
  credential?: string;
  /** With `credential`: the hub's catalogue bundle key (issue 20), as enrolment would have pinned it. */
  bundleKey?: string;
  /** The town's CA (PEM) for TLS to the hub (enrolment and WebSocket), besides Node's own roots (--ca-file). */
  ca?: string;
  backoff?: BackoffPolicy;
  /** How long continue-at-the-desk waits for the hub to confirm the deposit (default 10 s). */
  handoverTimeoutMs?: number;
}
