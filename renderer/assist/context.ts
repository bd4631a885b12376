import { createContext, useContext } from 'react';
import type { GuideTargetName, HandoverTicket, HelpRequestReason, HelpState, PreparedVisit } from '../../contract';

export type StoredTicket = Extract<HandoverTicket, { stored: true }>;

export interface AssistContextValue {
  help: HelpState;
  /** The last control staff pointed at; `serial` changes with every highlight, even of the same target. */
  guide: { target: GuideTargetName; serial: number } | null;
  /** The code to show after continue-at-the-desk (kept only in memory, until "Fertig"). */
  ticket: StoredTicket | null;
  request(reason: HelpRequestReason): Promise<void>;
  cancel(): Promise<void>;
  consent(granted: boolean): Promise<void>;
  stopAssist(): Promise<void>;
  /** False when the hub did not take the draft: it stays here and the resident can go on. */
  handover(): Promise<boolean>;
  clearTicket(): void;
  /** An in-person service's prepared visit (checklist, fee, office, code), kept only in memory until "Fertig". */
  visit: PreparedVisit | null;
  /** From the check page of a `completion: "visit"` service; false when the core refused (the page says why). */
  prepareVisit(): Promise<boolean>;
  clearVisit(): void;
  /** Whether the "Möchten Sie Hilfe?" notice may still appear for this step (once per step). */
  mayOffer(stepKey: string): boolean;
  markOffered(stepKey: string): void;
}

export const AssistContext = createContext<AssistContextValue | null>(null);

export function useAssist(): AssistContextValue {
  const value = useContext(AssistContext);
  if (!value) throw new Error('useAssist outside AssistProvider');
  return value;
}
