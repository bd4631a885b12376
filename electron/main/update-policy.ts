/**
 * When a terminal looks for an update and when it may install one: never while a resident is
 * using it. Updates download in the background; the restart that installs one waits until the
 * core reports no session and the kiosk has been quiet for a while (a shorter while at night). Pure: the
 * clock and the session state come in from outside (electron/main/updates.ts), so tests drive
 * it with fakes.
 */

export interface UpdatePolicyOptions {
  /** The first check waits this long after start-up, which is the resident's time. Default 15 min. */
  firstCheckAfterMs?: number;
  /** Then a check this often. Default 6 h. */
  checkEveryMs?: number;
  /**
   * Spread over this much, per terminal, so a town's terminals do not all ask the hub at once
   * after a power cut. Default 30 min.
   */
  spreadMs?: number;
  /** By day, an install waits until no session has been seen for this long. Default 10 min. */
  quietMs?: number;
  /** At night (local hours, [from, to)) a shorter quiet is enough. Default 1–5 h. */
  night?: { fromHour: number; toHour: number };
  /** The quiet needed at night. Default 2 min. */
  nightQuietMs?: number;
  /** The local hour of a time; default the machine's time zone. */
  hourOf?: (time: number) => number;
}

export type InstallDecision =
  | { install: true; why: 'night' | 'quiet' }
  | { install: false; why: 'nothing-downloaded' | 'session-active' | 'recent-activity' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export class UpdatePolicy {
  private readonly firstCheckAfterMs: number;
  private readonly checkEveryMs: number;
  private readonly quietMs: number;
  private readonly nightQuietMs: number;
  private readonly night: { fromHour: number; toHour: number };
  private readonly hourOf: (time: number) => number;
  private nextCheckAt: number;
  private lastActivityAt: number;
  private downloadedVersion: string | undefined;

  /** `spread` in [0, 1): this terminal's place in the spread (e.g. from its install id). */
  constructor(startedAt: number, spread: number, options: UpdatePolicyOptions = {}) {
    this.firstCheckAfterMs = options.firstCheckAfterMs ?? 15 * MINUTE;
    this.checkEveryMs = options.checkEveryMs ?? 6 * HOUR;
    this.quietMs = options.quietMs ?? 10 * MINUTE;
    this.nightQuietMs = options.nightQuietMs ?? 2 * MINUTE;
    this.night = options.night ?? { fromHour: 1, toHour: 5 };
    this.hourOf = options.hourOf ?? ((time) => new Date(time).getHours());
    const offset = Math.floor(Math.min(Math.max(spread, 0), 0.999_999) * (options.spreadMs ?? 30 * MINUTE));
    this.nextCheckAt = startedAt + this.firstCheckAfterMs + offset;
    // A restart may have cut a session short; it resumes, so start-up counts as activity.
    this.lastActivityAt = startedAt;
  }

  /** Whether to ask the hub for an update now. */
  isCheckDue(now: number): boolean {
    return this.downloadedVersion === undefined && now >= this.nextCheckAt;
  }

  /** A check was started: the next one is a full interval away, whatever its outcome. */
  checkStarted(now: number): void {
    this.nextCheckAt = now + this.checkEveryMs;
  }

  /** An update is downloaded and verified; it waits for a moment without residents. */
  downloaded(version: string): void {
    this.downloadedVersion = version;
  }

  /** The version waiting to be installed, if any. */
  get pending(): string | undefined {
    return this.downloadedVersion;
  }

  /** A session was seen active (the core answered with one) or something happened in it. */
  sessionSeen(now: number): void {
    this.lastActivityAt = Math.max(this.lastActivityAt, now);
  }

  /** A session ended (by the resident, finished, idle wipe, handover). */
  sessionEnded(now: number): void {
    this.sessionSeen(now);
  }

  private isNight(now: number): boolean {
    const hour = this.hourOf(now);
    const { fromHour, toHour } = this.night;
    return fromHour <= toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour;
  }

  /** Whether the waiting update may be installed now (the app restarts): `sessionActive` as the core just said. */
  installDecision(now: number, sessionActive: boolean): InstallDecision {
    if (this.downloadedVersion === undefined) return { install: false, why: 'nothing-downloaded' };
    if (sessionActive) {
      this.sessionSeen(now);
      return { install: false, why: 'session-active' };
    }
    const quietFor = now - this.lastActivityAt;
    if (this.isNight(now) && quietFor >= this.nightQuietMs) return { install: true, why: 'night' };
    if (quietFor >= this.quietMs) return { install: true, why: 'quiet' };
    return { install: false, why: 'recent-activity' };
  }
}
