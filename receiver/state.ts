import type { ClientConfig, DestinationConfig } from './config';
import type { KeyStore } from './db/key-store';
import type { SubmissionStore } from './db/submission-store';
import type { EventLog } from './event-log';
import type { FaultRules } from './faults';
import type { TokenStore } from './http/token-store';
import type { RequestCounter } from './request-counter';
import type { Subscriber } from './subscriber/subscriber';

/** Everything the handlers share; built once by startReceiver. */
export interface ReceiverState {
  clients: ClientConfig[];
  destinations: Map<string, DestinationConfig>;
  keys: KeyStore;
  submissions: SubmissionStore;
  eventLog: EventLog;
  tokens: TokenStore;
  faults: FaultRules;
  counter: RequestCounter;
  subscriber: Subscriber;
  tokenLifetimeSeconds: number;
  maxBodyBytes: number;
  now: () => number;
  log: (event: string, fields: Record<string, string | number | boolean>) => void;
}
