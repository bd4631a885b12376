import { z } from 'zod';

/**
 * The page's part in the usage figures (issue 18): text size and contrast live in the renderer, so the page
 * says which the session used. Flags only; the core counts each at most once per session.
 */
export const usageApi = {
  /** The session on screen uses large text and/or high contrast (sent at its start and on each change). */
  'usage.display': {
    input: z.strictObject({ sessionId: z.string().uuid(), largeText: z.boolean(), highContrast: z.boolean() }),
    output: z.object({ counted: z.boolean() }),
  },
} as const;
