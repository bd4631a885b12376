import { ENROL_PATH, EnrolResponseSchema, type EnrolResponse } from '../../contract/hub';
import { errorClass } from '../logging';
import { HttpClient } from '../net/http-client';
import { retryDelayMs } from '../portal/backoff';
import type { Logger } from '../types';
import { DEFAULT_HUB_BACKOFF, type BackoffPolicy } from './hub-connection';

export class EnrolRefusedError extends Error {
  constructor(readonly status: number) {
    super(`hub refused the enrolment code (HTTP ${status})`);
  }
}

/**
 * Exchanges the one-time enrolment code for the device credential. A 4xx
 * answer means the code is wrong or used (EnrolRefusedError, not retried);
 * anything else is a network problem the caller retries.
 */
export async function enrolTerminal(
  hubUrl: string,
  enrolmentCode: string,
  appVersion: string,
  ca?: string,
): Promise<EnrolResponse> {
  // One exchange: its own client, closed right after (TLS trusts the town's CA when one is given).
  const client = new HttpClient(ca);
  try {
    const response = await client.request({
      method: 'POST',
      url: new URL(ENROL_PATH, hubUrl),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrolmentCode, appVersion: appVersion.slice(0, 40) }),
      timeoutMs: 15_000,
    });
    if (response.status >= 400 && response.status < 500) throw new EnrolRefusedError(response.status);
    if (response.status < 200 || response.status >= 300)
      throw new Error(`hub enrolment failed (HTTP ${response.status})`);
    return EnrolResponseSchema.parse(JSON.parse(response.text));
  } finally {
    client.close();
  }
}

/**
 * Enrols with the one-time code, retrying network problems with backoff until it works or is
 * stopped; a refused code is logged and not tried again (the admin issues a new one).
 */
export function enrolWithRetry(
  enrolment: { hubUrl: string; code: string; appVersion: string; ca?: string; backoff?: BackoffPolicy },
  logger: Logger,
  onEnrolled: (credential: EnrolResponse) => void,
): { stop(): void } {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = (count: number): void => {
    if (stopped) return;
    enrolTerminal(enrolment.hubUrl, enrolment.code, enrolment.appVersion, enrolment.ca).then(
      (credential) => {
        if (!stopped) onEnrolled(credential);
      },
      (error: unknown) => {
        if (error instanceof EnrolRefusedError) {
          logger.error('hub.enrol_refused', { status: error.status });
          return;
        }
        logger.warn('hub.enrol_failed', { errorClass: errorClass(error) });
        const delay = retryDelayMs(count, enrolment.backoff ?? DEFAULT_HUB_BACKOFF, undefined);
        timer = setTimeout(() => attempt(count + 1), delay);
        timer.unref();
      },
    );
  };
  attempt(0);
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
