/**
 * The longest comment a resident may type after "Wie war es?" (issue 18); the hub's FeedbackCommentSchema allows
 * as much. Zod-free, so the renderer may import it.
 */
export const MAX_FEEDBACK_COMMENT = 500;
