import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Announcer } from '../components/Announcer';
import { ConsoleHeader } from '../components/ConsoleHeader';
import { AssistScreen } from '../screens/AssistScreen';
import { AuditScreen } from '../screens/AuditScreen';
import { BookingsScreen } from '../screens/BookingsScreen';
import { BundlesScreen } from '../screens/BundlesScreen';
import { FeedbackScreen } from '../screens/FeedbackScreen';
import { HandoverScreen } from '../screens/HandoverScreen';
import { QueueScreen } from '../screens/QueueScreen';
import { StaffScreen } from '../screens/StaffScreen';
import { TerminalsScreen } from '../screens/TerminalsScreen';
import { useConsole } from './context';
import type { Route, ScreenName } from './navigation';

// The usage charts (Observable Plot, zod) load only when staff open them: the console itself starts without them.
const TerminalUsageScreen = lazy(() =>
  import('../screens/TerminalUsageScreen').then((module) => ({ default: module.TerminalUsageScreen })),
);

/** The signed-in console: header, navigation, the live announcement and one screen. */
export function Shell() {
  const { t } = useTranslation();
  const { session, queue } = useConsole();
  const [route, setRoute] = useState<Route>({ screen: 'queue' });
  const isAdmin = session?.staff.role === 'admin';
  const waiting = queue.filter((request) => request.state === 'waiting').length;

  const items: { screen: ScreenName; label: string }[] = [
    { screen: 'queue', label: t('nav.queue', { count: waiting }) },
    { screen: 'terminals', label: t('nav.terminals') },
    { screen: 'handover', label: t('nav.handover') },
    { screen: 'bookings', label: t('nav.bookings') },
    { screen: 'feedback', label: t('nav.feedback') },
    ...(isAdmin
      ? [
          { screen: 'audit' as const, label: t('nav.audit') },
          { screen: 'staff' as const, label: t('nav.staff') },
          { screen: 'bundles' as const, label: t('nav.bundles') },
        ]
      : []),
  ];
  const current = route.screen === 'assist' ? 'queue' : route.screen === 'usage' ? 'terminals' : route.screen;

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <ConsoleHeader />
      <nav className="nav" aria-label={t('nav.label')}>
        <ul className="nav-list">
          {items.map((item) => (
            <li key={item.screen}>
              <button
                type="button"
                className="nav-item"
                aria-current={current === item.screen ? 'page' : undefined}
                onClick={() => setRoute({ screen: item.screen })}
              >
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <Announcer />
      <main id="main" className="page">
        {route.screen === 'queue' && (
          <QueueScreen onAssist={(requestId) => setRoute({ screen: 'assist', requestId })} />
        )}
        {route.screen === 'assist' && (
          <AssistScreen requestId={route.requestId} onBack={() => setRoute({ screen: 'queue' })} />
        )}
        {route.screen === 'terminals' && (
          <TerminalsScreen
            onShowUsage={(terminal) =>
              setRoute({ screen: 'usage', terminalId: terminal.terminalId, name: terminal.name })
            }
          />
        )}
        {route.screen === 'usage' && (
          <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
            <TerminalUsageScreen
              key={route.terminalId}
              terminalId={route.terminalId}
              name={route.name}
              onBack={() => setRoute({ screen: 'terminals' })}
            />
          </Suspense>
        )}
        {route.screen === 'handover' && <HandoverScreen />}
        {route.screen === 'bookings' && <BookingsScreen />}
        {route.screen === 'feedback' && <FeedbackScreen />}
        {route.screen === 'audit' && isAdmin && <AuditScreen />}
        {route.screen === 'staff' && isAdmin && <StaffScreen />}
        {route.screen === 'bundles' && isAdmin && <BundlesScreen />}
      </main>
    </>
  );
}
