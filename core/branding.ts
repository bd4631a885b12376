import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { KioskInfo } from '../contract';
import type { Logger } from './types';

/**
 * The town on the start screen and where the receipt printer is (issue 14, item 17), from
 * `<brandingDir>/branding.json` (default `resources/branding/`). The shipped coat of arms is a placeholder
 * marked as such; a town replaces the SVG file, or points KIOSK_BRANDING_DIR at a folder of its own.
 * Read once when the core opens; a broken file is logged and the kiosk goes on without the town's marks.
 */

const BrandingFileSchema = z.strictObject({
  townName: z.string().trim().min(1).max(80),
  /** SVG file name in the same folder. */
  coatOfArms: z
    .string()
    .regex(/^[\w.-]{1,100}\.svg$/)
    .optional(),
  printerLocation: z.enum(['below', 'right', 'left']).default('below'),
  /** false: no "Code der Kamera zeigen" even when the terminal has a camera (issue 16). */
  codeCamera: z.boolean().default(true),
});

/** A coat of arms is a small picture; anything larger is refused rather than sent to every start screen. */
const MAX_SVG_BYTES = 100_000;

export type Branding = Pick<KioskInfo, 'town' | 'printerLocation' | 'codeCamera'>;

export function readBranding(brandingDir: string, logger: Logger): Branding {
  let parsed: z.infer<typeof BrandingFileSchema>;
  try {
    parsed = BrandingFileSchema.parse(JSON.parse(readFileSync(path.join(brandingDir, 'branding.json'), 'utf8')));
  } catch (error) {
    logger.warn('branding.refused', { file: 'branding.json', reason: error instanceof Error ? error.name : 'unknown' });
    return {};
  }
  const town: NonNullable<Branding['town']> = { name: parsed.townName };
  if (parsed.coatOfArms) {
    try {
      const svg = readFileSync(path.join(brandingDir, parsed.coatOfArms));
      // An <img> never runs an SVG's scripts, but only a real SVG of a sensible size is passed on.
      if (svg.length > MAX_SVG_BYTES || !/<svg[\s>]/.test(svg.toString('utf8'))) throw new Error('not a small SVG');
      town.coatOfArms = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    } catch {
      logger.warn('branding.refused', {
        file: parsed.coatOfArms,
        reason: 'coat of arms unreadable or not a small SVG',
      });
    }
  }
  return { town, printerLocation: parsed.printerLocation, ...(parsed.codeCamera ? {} : { codeCamera: false }) };
}
