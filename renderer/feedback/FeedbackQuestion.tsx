import { useEffect, useRef } from 'react';
import { Button, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FeedbackRating } from '../../contract';
import { MAX_FEEDBACK_COMMENT } from '../../contract/feedback-limits';
import { FACES } from './feedback-scripts';
import type { FeedbackState } from './useFeedback';

/** The mouth of each face: a smile, a straight line, a frown. */
const MOUTHS: Record<FeedbackRating, string> = {
  good: 'M20 38 Q32 50 44 38',
  okay: 'M21 42 L43 42',
  bad: 'M20 46 Q32 34 44 46',
};

function Face({ rating }: { rating: FeedbackRating }) {
  // Decorative: the face's name stands under it.
  return (
    <svg className="feedback-face__icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle cx="32" cy="32" r="29" fill="none" stroke="currentColor" strokeWidth="4" />
      <circle cx="23" cy="25" r="4" fill="currentColor" />
      <circle cx="41" cy="25" r="4" fill="currentColor" />
      <path d={MOUTHS[rating]} fill="none" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

/**
 * "Wie war es?" (issue 18): three large faces with their names, an optional comment typed on the on-screen
 * keyboard (it follows focus into the field), "Absenden" and "Überspringen". Optional in every way.
 */
export function FeedbackQuestion({ feedback }: { feedback: FeedbackState }) {
  const { t } = useTranslation();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const thanksRef = useRef<HTMLParagraphElement>(null);
  const { stage } = feedback;

  useEffect(() => {
    if (stage === 'comment') fieldRef.current?.focus();
    if (stage === 'done') thanksRef.current?.focus();
  }, [stage]);

  if (stage === 'skipped') return null;
  if (stage === 'done') {
    return (
      <section className="feedback" aria-labelledby="feedback-heading">
        <h2 className="section-heading" id="feedback-heading">
          {t('feedback.heading')}
        </h2>
        <p className="feedback__thanks" ref={thanksRef} tabIndex={-1} data-testid="feedback-thanks">
          {feedback.failed ? t('feedback.failed') : t('feedback.thanks')}
        </p>
      </section>
    );
  }

  const left = MAX_FEEDBACK_COMMENT - feedback.comment.length;
  return (
    <section className="feedback" aria-labelledby="feedback-heading">
      <h2 className="section-heading" id="feedback-heading">
        {t('feedback.heading')}
      </h2>
      <p className="hint">{t('feedback.optional')}</p>
      <div className="feedback__faces" role="group" aria-label={t('feedback.facesLabel')}>
        {FACES.map((rating) => (
          <Button
            key={rating}
            className="feedback-face"
            aria-pressed={feedback.rating === rating}
            data-rating={rating}
            onPress={() => feedback.choose(rating)}
          >
            <Face rating={rating} />
            <span className="feedback-face__name">{t(`feedback.${rating}`)}</span>
          </Button>
        ))}
      </div>
      {stage === 'comment' ? (
        <TextField
          className="form-group feedback__comment"
          value={feedback.comment}
          onChange={feedback.setComment}
          maxLength={MAX_FEEDBACK_COMMENT}
        >
          <Label className="label">{t('feedback.commentLabel')}</Label>
          <Text slot="description" className="hint">
            {t('feedback.commentHint')}
          </Text>
          <TextArea ref={fieldRef} className="textarea" rows={4} spellCheck data-testid="feedback-comment" />
          {/* Plain text, not a live region: screen readers are not interrupted on every keystroke. */}
          <p className="char-count">{t('field.charsLeft', { count: left })}</p>
        </TextField>
      ) : (
        <Button className="button button--secondary feedback__write" onPress={feedback.openComment}>
          {t('feedback.writeAction')}
        </Button>
      )}
      {feedback.nothingChosen && (
        <p className="error-message" role="alert">
          {t('feedback.nothingChosen')}
        </p>
      )}
      <div className="feedback__actions">
        <Button className="button button--secondary" onPress={feedback.send} isDisabled={feedback.sending}>
          {t('feedback.send')}
        </Button>
        <Button className="button button--secondary" onPress={feedback.skip}>
          {t('feedback.skip')}
        </Button>
      </div>
    </section>
  );
}
