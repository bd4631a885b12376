import { Suspense } from 'react';
import { IntroScreen } from '../screens/IntroScreen';
import { OfficesScreen } from '../screens/OfficesScreen';
import { ManageScreen } from '../appointments/manage/ManageScreen';
import { WalkInScreen } from '../appointments/walk-in/WalkInScreen';
import { StartScreen } from '../screens/StartScreen';
import { WaitingScreen } from '../screens/WaitingScreen';
import { OutOfServiceScreen } from '../screens/OutOfServiceScreen';
import { IdleGuard } from '../components/IdleGuard';
import { SessionFrame } from '../components/SessionFrame';
import { WaitingOverlay } from '../components/WaitingOverlay';
import { AssistBanner } from '../assist/AssistBanner';
import { ConsentDialog } from '../assist/ConsentDialog';
import { useAssist } from '../assist/context';
import { GuideHighlight } from '../assist/GuideHighlight';
import { HandoverScreen } from '../assist/HandoverScreen';
import { VisitScreen } from '../visit/VisitScreen';
import { useKiosk } from './context';
import { LazyOnScreenKeyboard, LazySessionPage } from './journey-code';
import { useActivity } from './useActivity';

/** Chooses the screen from the session's position; the core decides where the resident is. */
export function App() {
  const { state } = useKiosk();
  useActivity();
  if (!state.booted) return <WaitingScreen />;
  // A kiosk that takes no applications shows only where to go instead.
  if (state.info?.outOfService)
    return (
      <>
        <OutOfServiceScreen />
        <WaitingOverlay isOpen={!state.connected} />
      </>
    );
  return (
    <>
      <AssistBanner />
      <CurrentScreen />
      <ConsentDialog />
      <GuideHighlight />
      {/* Text fields exist only on a journey's pages: the start screen neither needs nor loads the keyboard. */}
      {state.view && (
        <Suspense fallback={null}>
          <LazyOnScreenKeyboard />
        </Suspense>
      )}
      <IdleGuard />
      <WaitingOverlay isOpen={!state.connected} />
    </>
  );
}

function CurrentScreen() {
  const { state } = useKiosk();
  const { ticket, visit } = useAssist();
  const view = state.view;
  // Definitions of opened services only (the catalogue holds summaries): see KioskProvider and load-service.ts.
  const { definitions } = state;
  const visited = !view && visit && definitions[visit.serviceId];
  if (visit && visited) return <VisitScreen visit={visit} service={visited} />;
  if (!view && ticket) return <HandoverScreen ticket={ticket} />;
  if (!view && state.offices) return <OfficesScreen />;
  if (!view && state.manage) return <ManageScreen />;
  if (!view && state.walkIn) return <WalkInScreen />;
  if (!view && state.intro) {
    const intro = definitions[state.intro];
    if (intro) return <IntroScreen service={intro} />;
  }
  const service = view && definitions[view.serviceId];
  // A session whose service's definition is on its way (the core came back with it): a moment of nothing.
  if (view && !service && state.catalog?.services.some((candidate) => candidate.id === view.serviceId)) return null;
  if (!view || !service) return <StartScreen />;
  const { position } = view;
  const step = position.kind === 'step' ? service.journey.steps.find((s) => s.id === position.stepId) : undefined;
  if (position.kind === 'step' && !step) return <StartScreen />;
  // One frame for the whole journey: a step change replaces only the page's middle.
  return (
    <SessionFrame service={service} helpKey={step?.helpKey} afterSending={position.kind === 'confirmation'}>
      <Suspense fallback={null}>
        <LazySessionPage view={view} service={service} step={step} />
      </Suspense>
    </SessionFrame>
  );
}
