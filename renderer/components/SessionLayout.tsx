import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { useKiosk } from '../app/context';
import { Footer } from './Footer';
import { Notice } from './Notice';
import { SessionHeader } from './SessionHeader';
import { SpeechBar } from './SpeechBar';

interface SessionLayoutProps {
  service: ServiceDefinition;
  helpKey?: string;
  afterSending?: boolean;
  /** Above <main>, like GOV.UK's back link. */
  beforeMain?: ReactNode;
  children: ReactNode;
}

/** Header, back link, main column and footer for every page inside a session. */
export function SessionLayout({ service, helpKey, afterSending, beforeMain, children }: SessionLayoutProps) {
  const { t } = useTranslation();
  const { state } = useKiosk();
  const namespace = serviceNamespace(service.id);
  return (
    <div className="page">
      <SessionHeader
        serviceTitle={t(service.titleKey, { ns: namespace })}
        helpKey={helpKey}
        namespace={namespace}
        afterSending={afterSending}
        {...(service.office.accessKey ? { accessText: t(service.office.accessKey, { ns: namespace }) } : {})}
      />
      <div className="width-container">
        {beforeMain}
        <main className="main" id="main">
          {state.apiError && <Notice tone="problem" text={t(`errors.api.${state.apiError}`)} />}
          {children}
        </main>
      </div>
      <SpeechBar />
      <Footer />
    </div>
  );
}
