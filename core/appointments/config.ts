import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { OfficeId, OpeningIntervalSchema } from '../../contract/office';
import { parsePemCertificates } from '../net/pem';

/**
 * `--appointments-config <file>`: where the town's appointment system is and which kiosk service books
 * which of its services at which office. The CA file is the town's, for a ZMS behind its own PKI.
 *
 * {
 *   "baseUrl": "https://termine.stade.de/terminvereinbarung/api/citizen",
 *   "caFile": "/etc/buergerkiosk/town-ca.pem",
 *   "timeoutMs": 8000,
 *   "services": { "personalausweis": { "serviceId": 20001, "officeIds": [10001] } }
 * }
 */
const zmsId = z.number().int().min(1).max(2_147_483_647);

/**
 * Walk-in waiting numbers (optional): zmsapi's base URL, this kiosk's ticket printer hash, and which kiosk office
 * (resources/offices/offices.json id) is which ZMS scope, with the hours it takes walk-ins (the kiosk shows the
 * tile and "next walk-ins" from them; the server's answer decides).
 *
 *   "walkIns": { "apiUrl": "https://termine.stade.de/terminvereinbarung/api/2", "ticketprinterHash": "1abc…",
 *     "offices": { "buergerbuero": { "scopeId": 10001, "openingHours": [{ "days": [1,2,3,4,5], "from": "08:30", "to": "12:00" }] } } }
 */
export const walkInsConfigSchema = z
  .object({
    apiUrl: z
      .string()
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'apiUrl must be http(s)')
      .transform((url) => url.replace(/\/+$/, '')),
    ticketprinterHash: z.string().regex(/^[A-Za-z0-9]{8,64}$/),
    offices: z.record(
      OfficeId,
      z.object({ scopeId: zmsId, openingHours: z.array(OpeningIntervalSchema).min(1).max(50) }).strict(),
    ),
  })
  .strict();
export type WalkInsConfig = z.infer<typeof walkInsConfigSchema>;

export const appointmentsConfigSchema = z
  .object({
    baseUrl: z
      .string()
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'baseUrl must be http(s)')
      .transform((url) => url.replace(/\/+$/, '')),
    caFile: z.string().min(1).optional(),
    timeoutMs: z.number().int().min(500).max(60_000).default(8000),
    services: z.record(
      z.string().regex(/^[a-z0-9-]{1,64}$/),
      z.object({ serviceId: zmsId, officeIds: z.array(zmsId).min(1).max(20) }).strict(),
    ),
    walkIns: walkInsConfigSchema.optional(),
  })
  .strict();
export type AppointmentsConfig = z.infer<typeof appointmentsConfigSchema>;

export class AppointmentsConfigError extends Error {}

/** Reads and checks the file; the message names the field at fault, never the file's contents. */
export function readAppointmentsConfig(file: string): AppointmentsConfig & { caPem?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppointmentsConfigError(`${file}: not readable JSON (${(error as Error).message})`);
  }
  const parsed = appointmentsConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppointmentsConfigError(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  if (!parsed.data.caFile) return parsed.data;
  try {
    const caPem = readFileSync(parsed.data.caFile, 'utf8');
    parsePemCertificates(caPem);
    return { ...parsed.data, caPem };
  } catch (error) {
    throw new AppointmentsConfigError(
      `caFile ${parsed.data.caFile} not a readable certificate file (${(error as Error).message})`,
    );
  }
}
