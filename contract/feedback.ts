import { z } from 'zod';
import { MAX_FEEDBACK_COMMENT } from './feedback-limits';
import { FEEDBACK_RATINGS } from './usage';

export { MAX_FEEDBACK_COMMENT } from './feedback-limits';

/**
 * "Wie war es?" at the end of a journey (issue 18), on the confirmation page and the prepared-visit page. It is
 * about the journey that just ended, which the core remembers; no session id is needed (the session may be gone).
 */
export const feedbackApi = {
  /**
   * The resident's answer, once per journey: a face (or none) and an optional comment. The rating is counted; the
   * comment is stripped of anything that looks like personal data (and of the resident's own answers) and goes to
   * the hub, or waits in memory for it. `not_reachable` when no journey has just ended, or it was answered.
   */
  'feedback.give': {
    input: z.strictObject({
      rating: z.enum(FEEDBACK_RATINGS).nullable(),
      comment: z.string().max(MAX_FEEDBACK_COMMENT).optional(),
    }),
    output: z.object({ comment: z.enum(['none', 'sent', 'waiting']) }),
  },
} as const;
