import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { Footer } from './Footer';
import { SessionHeader } from './SessionHeader';
import { SpeechBar } from './SpeechBar';

interface SessionFrameProps {
  service: ServiceDefinition;
  helpKey?: string;
  afterSending?: boolean;
  /** The screen's own part (SessionMain): questions, check, confirmation. */
  children: ReactNode;
}

/**
 * Header, speech bar and footer around every page inside a session. Rendered once
 * for the whole journey (App's CurrentScreen), not by each screen: moving between
 * steps then only replaces the page's middle, and the header's dialogs, the speech
 * bar and the footer stay as they are instead of being rebuilt on every "Weiter".
 */
export function SessionFrame({ service, helpKey, afterSending, children }: SessionFrameProps) {
  const { t } = useTranslation();
  const namespace = serviceNamespace(service.id);
  return (
    <div className="page">
      <SessionHeader
        serviceTitle={t(service.titleKey, { ns: namespace })}
        helpKey={helpKey}
        namespace={namespace}
        afterSending={afterSending}
      />
      {children}
      <SpeechBar />
      <Footer />
    </div>
  );
}
