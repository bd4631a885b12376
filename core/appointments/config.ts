import { readFileSync } from 'node:fs';
import { z } from 'zod';
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
