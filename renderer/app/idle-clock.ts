import { createContext, useContext, useSyncExternalStore } from 'react';
import type { IdleState, SessionView } from '../../contract';

/** The core's idle clock of a session as last heard (a keep-alive's answer, staff's activity), and when. */
export interface IdleReading {
  sessionId: string;
  idle: IdleState;
  /** Date.now() when it arrived. */
  at: number;
}

/**
 * The idle clock apart from the app state (issue 19): a keep-alive's answer moves the countdown only, so it
 * renders the idle guard and not the page, which reads the state (a new view brings its own idle state).
 */
export class IdleClock {
  private reading: IdleReading | null = null;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly get = (): IdleReading | null => this.reading;

  set(reading: IdleReading): void {
    this.reading = reading;
    for (const listener of this.listeners) listener();
  }
}

/** What the countdown runs from: the newer of the view's own idle state and the clock's reading for its session. */
export function idleFrom(
  view: SessionView | null,
  viewAt: number,
  reading: IdleReading | null,
): { idle: IdleState; at: number } | null {
  if (!view) return null;
  if (reading?.sessionId === view.sessionId && reading.at >= viewAt) return { idle: reading.idle, at: reading.at };
  return { idle: view.idle, at: viewAt };
}

export const IdleClockContext = createContext<IdleClock | null>(null);

/** The clock's last reading; renders the caller when it changes. */
export function useIdleReading(): IdleReading | null {
  const clock = useContext(IdleClockContext);
  if (!clock) throw new Error('useIdleReading outside KioskProvider');
  return useSyncExternalStore(clock.subscribe, clock.get);
}
