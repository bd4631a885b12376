import type { ServiceDefinition, SessionView, Step } from '../../contract';
import { ConfirmationScreen } from '../screens/ConfirmationScreen';
import { CheckScreen } from '../screens/CheckScreen';
import { QuestionScreen } from '../screens/QuestionScreen';
import { StartScreen } from '../screens/StartScreen';
import { WaitingScreen } from '../screens/WaitingScreen';
import { IdleGuard } from '../components/IdleGuard';
import { SessionFrame } from '../components/SessionFrame';
import { WaitingOverlay } from '../components/WaitingOverlay';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { AssistBanner } from '../assist/AssistBanner';
import { ConsentDialog } from '../assist/ConsentDialog';
import { useAssist } from '../assist/context';
import { GuideHighlight } from '../assist/GuideHighlight';
import { HandoverScreen } from '../assist/HandoverScreen';
import { useKiosk } from './context';
import { useActivity } from './useActivity';

/** Chooses the screen from the session's position; the core decides where the resident is. */
export function App() {
  const { state } = useKiosk();
  useActivity();
  if (!state.booted) return <WaitingScreen />;
  return (
    <>
      <AssistBanner />
      <CurrentScreen />
      <ConsentDialog />
      <GuideHighlight />
      <OnScreenKeyboard />
      <IdleGuard />
      <WaitingOverlay isOpen={!state.connected} />
    </>
  );
}

function CurrentScreen() {
  const { state } = useKiosk();
  const { ticket } = useAssist();
  const view = state.view;
  if (!view && ticket) return <HandoverScreen ticket={ticket} />;
  const service = view && state.catalog?.services.find((candidate) => candidate.id === view.serviceId);
  if (!view || !service) return <StartScreen />;
  const { position } = view;
  const step = position.kind === 'step' ? service.journey.steps.find((s) => s.id === position.stepId) : undefined;
  if (position.kind === 'step' && !step) return <StartScreen />;
  // One frame for the whole journey: a step change replaces only the page's middle.
  return (
    <SessionFrame service={service} helpKey={step?.helpKey} afterSending={position.kind === 'confirmation'}>
      <SessionPage view={view} service={service} step={step} />
    </SessionFrame>
  );
}

/** The page's middle for where the resident is: a question, the check page, or the confirmation. */
function SessionPage({ view, service, step }: { view: SessionView; service: ServiceDefinition; step?: Step }) {
  const { position } = view;
  switch (position.kind) {
    case 'step':
      return step ? (
        <QuestionScreen
          view={view}
          service={service}
          step={step}
          stepNumber={position.stepNumber}
          stepCount={position.stepCount}
          returnToCheck={position.returnToCheck}
        />
      ) : null;
    case 'check':
      return <CheckScreen view={view} service={service} />;
    case 'confirmation':
      return <ConfirmationScreen view={view} service={service} reference={position.reference} />;
  }
}
