import { useEffect, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { FeedbackCommentView } from '../api/protocol';
import { useConsole } from '../app/context';
import { Notice } from '../components/Notice';
import { ScreenHeading } from '../components/ScreenHeading';
import { serviceTitle } from '../lib/catalog';

function dayOf(language: string, day: string): string {
  // A calendar day, not an instant: formatted at noon UTC so no time zone moves it.
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'de-DE', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

/** "Rückmeldungen" (issue 18): residents' comments after "Wie war es?", already stripped; for staff only. */
export function FeedbackScreen() {
  const { t, i18n } = useTranslation();
  const { api } = useConsole();
  const [comments, setComments] = useState<FeedbackCommentView[] | null>(null);
  const [error, setError] = useState(false);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    api
      .call('GET /feedback')
      .then((list) => {
        if (!live) return;
        setComments(list);
        setError(false);
      })
      .catch(() => live && setError(true));
    return () => {
      live = false;
    };
  }, [api, generation]);

  return (
    <>
      <ScreenHeading>{t('feedback.title')}</ScreenHeading>
      <p>{t('feedback.intro')}</p>
      <div className="button-row">
        <Button className="button button--secondary" onPress={() => setGeneration((value) => value + 1)}>
          {t('feedback.refresh')}
        </Button>
      </div>
      {error && <Notice tone="error">{t('error.generic')}</Notice>}
      {comments === null && !error && <p role="status">{t('app.loading')}</p>}
      {comments?.length === 0 && <p className="empty">{t('feedback.empty')}</p>}
      {comments && comments.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="feedback-table">
            <caption className="visually-hidden">{t('feedback.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedback.col.day')}</th>
                <th scope="col">{t('feedback.col.service')}</th>
                <th scope="col">{t('feedback.col.rating')}</th>
                <th scope="col">{t('feedback.col.text')}</th>
                <th scope="col">{t('feedback.col.terminal')}</th>
              </tr>
            </thead>
            <tbody>
              {comments.map((comment) => (
                <tr key={comment.commentId}>
                  <td className="nowrap">{dayOf(i18n.language, comment.day)}</td>
                  <td>{(comment.serviceId && serviceTitle(comment.serviceId)) ?? t('feedback.noService')}</td>
                  <td>{t(`feedback.rating.${comment.rating ?? 'none'}`)}</td>
                  <td>{comment.text}</td>
                  <td>{comment.terminalName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
