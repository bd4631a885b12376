import { z } from 'zod';
import { FEEDBACK_RATINGS } from '../usage';

/**
 * Residents' feedback comments as the staff console lists them (issue 18): the day, the service, the face and the
 * text, stripped of personal data on the kiosk and again on the hub. Shown to logged-in staff, never published.
 */
export const FeedbackCommentViewSchema = z.object({
  commentId: z.string().uuid(),
  day: z.string(),
  serviceId: z.string().nullable(),
  rating: z.enum(FEEDBACK_RATINGS).nullable(),
  text: z.string(),
  terminalName: z.string(),
});
export type FeedbackCommentView = z.infer<typeof FeedbackCommentViewSchema>;
