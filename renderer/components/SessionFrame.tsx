import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceDefinition } from '../../contract';
import { serviceNamespace } from '../../contract/namespaces';
import { BottomDock, DockSlotProvider } from './BottomDock';
import { Footer } from './Footer';
import { SessionHeader } from './SessionHeader';

interface SessionFrameProps {
  service: ServiceDefinition;
  helpKey?: string;
  afterSending?: boolean;
  /** The screen's own part (SessionMain): questions, check, confirmation. */
  children: ReactNode;
}

/**
 * Header, the action dock (main action, "Hilfe", speech bar) and footer around every page inside a
 * session. Rendered once for the whole journey (App's CurrentScreen), not by each screen: moving between
 * steps then only replaces the page's middle, and the header's dialogs, the dock and the footer stay as
 * they are instead of being rebuilt on every "Weiter".
 */
export function SessionFrame({ service, helpKey, afterSending, children }: SessionFrameProps) {
  const { t } = useTranslation();
  const namespace = serviceNamespace(service.id);
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const [pageEnd, setPageEnd] = useState<HTMLElement | null>(null);
  return (
    <div className="page">
      <SessionHeader
        serviceTitle={t(service.titleKey, { ns: namespace })}
        namespace={namespace}
        afterSending={afterSending}
      />
      <DockSlotProvider slot={slot}>{children}</DockSlotProvider>
      <div className="page-end" ref={setPageEnd} />
      <BottomDock helpKey={helpKey} namespace={namespace} slotRef={setSlot} pageEnd={pageEnd} />
      <Footer />
    </div>
  );
}
