import { useCallback, useState } from 'react';
import type { FeedbackRating } from '../../contract';
import { getBridge } from '../api/bridge';
import type { FeedbackStage } from './feedback-scripts';

export interface FeedbackState {
  stage: FeedbackStage;
  rating: FeedbackRating | null;
  comment: string;
  /** "Absenden" with neither a face nor a text. */
  nothingChosen: boolean;
  /** The core could not take it (the journey was already answered, or forgotten). */
  failed: boolean;
  sending: boolean;
  choose(rating: FeedbackRating): void;
  openComment(): void;
  setComment(text: string): void;
  send(): void;
  skip(): void;
}

/** "Wie war es?" on a page that ends a journey: the resident's choice until "Absenden" (feedback.give). */
export function useFeedback(onActivity?: () => void): FeedbackState {
  const [stage, setStage] = useState<FeedbackStage>('ask');
  const [rating, setRating] = useState<FeedbackRating | null>(null);
  const [comment, setCommentText] = useState('');
  const [nothingChosen, setNothingChosen] = useState(false);
  const [failed, setFailed] = useState(false);
  const [sending, setSending] = useState(false);

  const send = useCallback(() => {
    onActivity?.();
    const text = comment.trim();
    if (rating === null && text === '') {
      setNothingChosen(true);
      return;
    }
    setSending(true);
    void getBridge()
      .call('feedback.give', { rating, ...(text ? { comment: text } : {}) })
      .then((result) => setFailed(!result.ok))
      .catch(() => setFailed(true))
      .finally(() => {
        setSending(false);
        setStage('done');
      });
  }, [comment, rating, onActivity]);

  return {
    stage,
    rating,
    comment,
    nothingChosen,
    failed,
    sending,
    choose: (chosen) => {
      onActivity?.();
      setRating(chosen);
      setNothingChosen(false);
    },
    openComment: () => {
      onActivity?.();
      setStage('comment');
    },
    setComment: (text) => {
      onActivity?.();
      setCommentText(text);
      setNothingChosen(false);
    },
    send,
    skip: () => {
      onActivity?.();
      setStage('skipped');
    },
  };
}
