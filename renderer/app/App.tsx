import { ConfirmationScreen } from '../screens/ConfirmationScreen';
import { CheckScreen } from '../screens/CheckScreen';
import { QuestionScreen } from '../screens/QuestionScreen';
import { StartScreen } from '../screens/StartScreen';
import { WaitingScreen } from '../screens/WaitingScreen';
import { IdleGuard } from '../components/IdleGuard';
import { WaitingOverlay } from '../components/WaitingOverlay';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';
import { AssistBanner } from '../assist/AssistBanner';
import { ConsentDialog } from '../assist/ConsentDialog';
import { useAssist } from '../assist/context';
import { GuideHighlight } from '../assist/GuideHighlight';
import { HandoverScreen } from '../assist/HandoverScreen';
import { useKiosk } from './context';
import { screenKey } from './state';
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
  switch (position.kind) {
    case 'step': {
      const step = service.journey.steps.find((candidate) => candidate.id === position.stepId);
      if (!step) return <StartScreen />;
      return (
        <QuestionScreen
          // A new step gets fresh inputs; a language change or keep-alive keeps what was typed.
          key={screenKey(view)}
          view={view}
          service={service}
          step={step}
          stepNumber={position.stepNumber}
          stepCount={position.stepCount}
          returnToCheck={position.returnToCheck}
        />
      );
    }
    case 'check':
      return <CheckScreen view={view} service={service} />;
    case 'confirmation':
      return <ConfirmationScreen view={view} service={service} reference={position.reference} />;
  }
}
