import type { KioskEvent } from '../../contract';
import type { LoadedCatalog } from '../catalog/load-catalog';
import type { Clock, Logger } from '../types';
import type { SessionStore } from './session-store';

export interface IdleConfig {
  timeoutMs: number;
  warningMs: number;
}

/** What the session logic needs from the core; built once in openKioskCore. */
export interface CoreContext {
  store: SessionStore;
  catalog: LoadedCatalog;
  clock: Clock;
  idle: IdleConfig;
  logger: Logger;
  masterKey(): Buffer;
  emit(event: KioskEvent): void;
  /** Called after an application reached the outbox: delivery starts without the resident waiting for it. */
  afterSubmit(): void;
  /**
   * True while the idle timeout must not run: a help request is open (waiting, accepted, live view, guide,
   * takeover), so someone is coming (issue 14). Set by the hub client; absent, the timeout always runs.
   */
  idleHeld?: () => boolean;
  /** The core's date, YYYY-MM-DD in the town's time zone: fees by age (contract/journey.ts). */
  today?: () => string;
}
