import { createHash } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import {
  MAX_FREE_DISK_BYTES,
  MAX_OUTBOX_DEPTH,
  type HealthErrorClass,
  type HealthReport,
  type Reachability,
} from '../../contract/hub/health';
import type { LoadedCatalog } from '../catalog/load-catalog';
import type { WatchedAppointments } from './appointments-watch';
import type { WatchedPrinter } from './printer-watch';

const YEAR_SECONDS = 365 * 24 * 3600;

/** What the core already knows, as the health report needs it (core/kiosk-core.ts wires it). */
export interface HealthSources {
  appVersion: string;
  catalogue: HealthReport['catalogue'];
  startedAt: number;
  now(): number;
  dataDir: string;
  printer: WatchedPrinter;
  appointments: WatchedAppointments;
  outbox(): { depth: number; oldestCreatedAt: number | null; lastDeliveredAt: number | null };
  /** Undefined while no portal is configured. */
  portal(): { portal: Reachability; lastProblem: { code: HealthErrorClass; at: number } | undefined } | undefined;
}

function problemFolder(file: string): string {
  let folder = file.endsWith('.json') ? dirname(file) : file;
  if (basename(folder) === 'locales') folder = dirname(folder);
  return folder;
}

/** The catalogue as the report names it: a digest of the active services' definitions, and what was refused. */
export function catalogueFigures(catalog: LoadedCatalog): HealthReport['catalogue'] {
  const digest = createHash('sha256')
    .update(JSON.stringify(catalog.services.map((service) => service.definition)))
    .digest('hex')
    .slice(0, 16);
  // A problem names a service's folder or a file in it (or in its locales/): count the folders refused.
  const refused = new Set(catalog.problems.map((problem) => problemFolder(problem.file))).size;
  return {
    version: digest,
    activation: refused > 0 ? 'failed' : 'ok',
    services: Math.min(catalog.services.length, 1000),
    refused: Math.min(refused, 1000),
  };
}

async function freeDisk(dir: string): Promise<number | null> {
  try {
    const stats = await statfs(dir);
    return Math.min(Math.max(0, stats.bavail * stats.bsize), MAX_FREE_DISK_BYTES);
  } catch {
    return null;
  }
}

/** A version the contract takes: what the build wrote, with anything outside its characters replaced. */
function versionText(version: string): string {
  const cleaned = version.replace(/[^0-9A-Za-z.+_-]/g, '_').slice(0, 40);
  return /^[0-9A-Za-z]/.test(cleaned) ? cleaned : `v${cleaned.slice(0, 39)}`;
}

const clamp = (value: number, max: number) => Math.min(Math.max(0, Math.floor(value)), max);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The report, within the contract's bounds (a clock set back makes an age 0, never negative). */
export async function gatherHealth(sources: HealthSources): Promise<HealthReport> {
  const now = sources.now();
  const outbox = sources.outbox();
  const portal = sources.portal();
  const errors: { code: HealthErrorClass; at: number }[] = [];
  if (portal?.lastProblem) errors.push(portal.lastProblem);
  const printerFailed = sources.printer.lastFailureAt();
  if (printerFailed !== undefined) errors.push({ code: 'printer_failed', at: printerFailed });
  const appointmentsFailed = sources.appointments.lastFailureAt();
  if (appointmentsFailed !== undefined) errors.push({ code: 'appointments_unreachable', at: appointmentsFailed });
  if (sources.catalogue.refused > 0) errors.push({ code: 'catalogue_refused', at: sources.startedAt });
  const lastError = errors.sort((a, b) => b.at - a.at)[0]?.code ?? 'none';
  const depth = clamp(outbox.depth, MAX_OUTBOX_DEPTH);
  return {
    appVersion: versionText(sources.appVersion),
    catalogue: sources.catalogue,
    uptimeSeconds: clamp((now - sources.startedAt) / 1000, 10 * YEAR_SECONDS),
    freeDiskBytes: await freeDisk(sources.dataDir),
    printer: sources.printer.state(),
    outbox: {
      depth,
      oldestAgeSeconds:
        depth > 0 && outbox.oldestCreatedAt !== null
          ? clamp((now - outbox.oldestCreatedAt) / 1000, YEAR_SECONDS)
          : null,
    },
    lastDeliveryAt:
      outbox.lastDeliveredAt !== null && outbox.lastDeliveredAt <= now ? iso(outbox.lastDeliveredAt) : null,
    appointments: sources.appointments.reachability(),
    portal: portal?.portal ?? 'not_configured',
    lastError,
    reportedAt: new Date(now).toISOString(),
  };
}

/** What makes a report worth sending before the minute is up: everything but the figures that always move. */
export function healthSignature(report: HealthReport): string {
  return JSON.stringify({
    ...report,
    uptimeSeconds: undefined,
    freeDiskBytes: undefined,
    reportedAt: undefined,
    outbox: { depth: report.outbox.depth },
  });
}
