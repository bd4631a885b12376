import { z } from 'zod';

/**
 * The page's part in the usage figures (issue 18): text size, contrast and the resident's use of speech live in
 * the renderer, so the page says which the session used. Flags only; the core counts each at most once per
 * session, and a flag that is absent or false changes nothing.
 */
export const usageApi = {
  /**
   * The session on screen uses large text, high contrast, or speech (the resident pressed "Vorlesen" or changed
   * the speech settings); sent at the session's start and on each change.
   */
  'usage.settings': {
    input: z.strictObject({
      sessionId: z.string().uuid(),
      largeText: z.boolean().optional(),
      highContrast: z.boolean().optional(),
      speech: z.boolean().optional(),
    }),
    output: z.object({ counted: z.boolean() }),
  },
} as const;
