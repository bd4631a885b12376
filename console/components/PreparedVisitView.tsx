import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import type { HandoverView } from '../api/protocol';
import { AnswerList } from './AnswerList';
import { Notice } from './Notice';

interface Props {
  draft: HandoverView;
  onClose: () => void;
}

/**
 * A prepared visit (ID card, registration, …) opened at the desk: the resident's answers to read into the desk's
 * own system, nothing to send from here. "Übernommen" deletes the draft on the hub.
 */
export function PreparedVisitView({ draft, onClose }: Props) {
  const { t } = useTranslation();
  const entries = Object.entries(draft.answers);
  return (
    <>
      <Notice tone="info">{t('handover.visit.note')}</Notice>
      {entries.length === 0 ? (
        <p>{t('handover.noAnswers')}</p>
      ) : (
        <AnswerList serviceId={draft.serviceId} answers={draft.answers} testId="prepared-visit-answers" />
      )}
      <Button className="button button--primary" onPress={onClose}>
        {t('handover.visit.close')}
      </Button>
    </>
  );
}
