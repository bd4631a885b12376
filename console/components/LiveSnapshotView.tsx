import { useTranslation } from 'react-i18next';
import type { LiveSnapshot } from '../api/protocol';
import { serviceTitle, stepTitle } from '../lib/catalog';
import { AnswerList } from './AnswerList';

/** What the resident sees, after their "Ja": where they are and their answers as label: value (lib/catalog.ts). */
export function LiveSnapshotView({ snapshot }: { snapshot: LiveSnapshot }) {
  const { t } = useTranslation();
  const { position } = snapshot;
  const entries = Object.entries(snapshot.answers);
  return (
    <div className="snapshot" data-testid="live-snapshot">
      <p className="snapshot-position">
        {position.kind === 'step'
          ? t('assist.snapshot.step', {
              number: position.stepNumber,
              count: position.stepCount,
              step: stepTitle(snapshot.serviceId, position.stepId) ?? position.stepId,
            })
          : position.kind === 'check'
            ? t('assist.snapshot.check')
            : t('assist.snapshot.confirmation', { reference: position.reference })}
      </p>
      <p>
        {t('assist.snapshot.service', {
          service: serviceTitle(snapshot.serviceId),
          language: t(`languageName.${snapshot.language}`),
        })}
      </p>
      <h3>{t('assist.snapshot.answers')}</h3>
      {entries.length === 0 ? (
        <p>{t('assist.snapshot.noAnswers')}</p>
      ) : (
        <AnswerList serviceId={snapshot.serviceId} answers={snapshot.answers} />
      )}
    </div>
  );
}
