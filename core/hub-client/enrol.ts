import { ENROL_PATH, EnrolResponseSchema, type EnrolResponse } from '../../contract/hub';

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
export async function enrolTerminal(hubUrl: string, enrolmentCode: string, appVersion: string): Promise<EnrolResponse> {
  const response = await fetch(new URL(ENROL_PATH, hubUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ enrolmentCode, appVersion: appVersion.slice(0, 40) }),
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status >= 400 && response.status < 500) throw new EnrolRefusedError(response.status);
  if (!response.ok) throw new Error(`hub enrolment failed (HTTP ${response.status})`);
  return EnrolResponseSchema.parse(await response.json());
}
