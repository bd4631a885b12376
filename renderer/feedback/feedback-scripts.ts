import type { TFunction } from 'i18next';
import type { FeedbackRating } from '../../contract';
import { say, type Utterance } from '../speech/scripts';
import { spokenText } from '../speech/spoken-text';

/** The faces in their order on screen (contract/usage.ts FEEDBACK_RATINGS; that file brings zod, this may not). */
export const FACES: readonly FeedbackRating[] = ['good', 'okay', 'bad'];

/** Where "Wie war es?" stands on the page: asked, the comment field open, answered, or skipped. */
export type FeedbackStage = 'ask' | 'comment' | 'done' | 'skipped';

/** What is said of the question, after the page's own text (confirmation, prepared visit). */
export function feedbackScript(t: TFunction, stage: FeedbackStage, rating: FeedbackRating | null): Utterance[] {
  if (stage === 'skipped') return [];
  if (stage === 'done') return [say(spokenText(t, 'feedback.thanks'))];
  const out = [say(spokenText(t, 'feedback.heading')), say(spokenText(t, 'feedback.optional'))];
  if (rating) out.push(say(spokenText(t, 'feedback.chosen', { face: t(`feedback.${rating}`) })));
  else out.push(...FACES.map((face) => say(spokenText(t, `feedback.${face}`))));
  if (stage === 'comment')
    out.push(say(spokenText(t, 'feedback.commentLabel')), say(spokenText(t, 'feedback.commentHint')));
  else out.push(say(spokenText(t, 'feedback.writeAction')));
  out.push(say(spokenText(t, 'feedback.send')), say(spokenText(t, 'feedback.skip')));
  return out;
}

/** Said when the question changes (a face chosen, the field opened, thanks): only the new part. */
export function feedbackChangeScript(t: TFunction, stage: FeedbackStage, rating: FeedbackRating | null): Utterance[] {
  if (stage === 'done') return [say(spokenText(t, 'feedback.thanks'))];
  if (stage === 'comment')
    return [say(spokenText(t, 'feedback.commentLabel')), say(spokenText(t, 'feedback.commentHint'))];
  if (rating) return [say(spokenText(t, 'feedback.chosen', { face: t(`feedback.${rating}`) }))];
  return [];
}
