// First: zod must be jitless before the contract's schemas are built.
import './zod-jitless';
// The one place the console's pages take values from a zod contract file: the published figures are checked
// against the contract itself, with zod jitless, so it never tries `new Function` (which the CSP refuses and
// reports). tests/e2e/dashboard.spec.ts listens for any securitypolicyviolation.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { DASHBOARD_PATH, DashboardSchema, type Dashboard } from '../../contract/open-data';

export { DASHBOARD_PATH };

export type DashboardLoad =
  | { kind: 'ready'; data: Dashboard }
  /** No answer, or not 2xx (the status, when there was one: 401/403 mean the console's session ended). */
  | { kind: 'failed'; status: number | null }
  /** An answer that is not the contract's DashboardSchema: nothing of it is drawn. */
  | { kind: 'invalid' };

/** Fetches published figures (the hub's DASHBOARD_PATH, or the console's usage of one terminal) and checks them. */
export async function loadDashboard(url: string, signal?: AbortSignal): Promise<DashboardLoad> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { kind: 'failed', status: null };
  }
  if (!response.ok) return { kind: 'failed', status: response.status };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'invalid' };
  }
  const parsed = DashboardSchema.safeParse(body);
  return parsed.success ? { kind: 'ready', data: parsed.data } : { kind: 'invalid' };
}
