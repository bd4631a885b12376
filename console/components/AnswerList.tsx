import { useTranslation } from 'react-i18next';
import type { LiveSnapshot } from '../api/protocol';
import { answerText } from '../lib/answer-text';
import { fieldOf } from '../lib/catalog';

/** A service's answers as label: value, as staff read them (choices by label, dates as dd.mm.yyyy). */
export function AnswerList({
  serviceId,
  answers,
  testId,
}: {
  serviceId: string;
  answers: LiveSnapshot['answers'];
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <dl className="answers" data-testid={testId}>
      {Object.entries(answers).map(([name, value]) => {
        const field = fieldOf(serviceId, name);
        return (
          <div key={name} className="answers-row">
            <dt>{field?.label ?? name}</dt>
            <dd>{answerText(t, value, field)}</dd>
          </div>
        );
      })}
    </dl>
  );
}
