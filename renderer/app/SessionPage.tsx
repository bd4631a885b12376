import type { ServiceDefinition, SessionView, Step } from '../../contract';
import { CheckScreen } from '../screens/CheckScreen';
import { OutcomeScreen } from '../screens/OutcomeScreen';
import { ConfirmationScreen } from '../screens/ConfirmationScreen';
import { QuestionScreen } from '../screens/QuestionScreen';
import { GroupListScreen } from '../screens/GroupListScreen';

export interface SessionPageProps {
  view: SessionView;
  service: ServiceDefinition;
  step?: Step;
}

/** The page's middle for where the resident is: a question, the check page, or the confirmation. */
export default function SessionPage({ view, service, step }: SessionPageProps) {
  const { position } = view;
  switch (position.kind) {
    case 'step':
      if (step?.kind === 'outcome') return <OutcomeScreen view={view} service={service} step={step} />;
      // A repeatable group: its list, unless one item's questions are open.
      if (step?.repeat && position.item === undefined) {
        return (
          <GroupListScreen
            view={view}
            service={service}
            step={step}
            stepNumber={position.stepNumber}
            stepCount={position.stepCount}
            returnToCheck={position.returnToCheck}
          />
        );
      }
      return step ? (
        <QuestionScreen
          view={view}
          service={service}
          step={step}
          stepNumber={position.stepNumber}
          stepCount={position.stepCount}
          returnToCheck={position.returnToCheck}
          item={position.item}
        />
      ) : null;
    case 'check':
      return <CheckScreen view={view} service={service} />;
    case 'confirmation':
      return <ConfirmationScreen view={view} service={service} reference={position.reference} />;
  }
}
