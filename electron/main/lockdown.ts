import { isAppUrl } from './app-url';
import { isBlockedInput, type KeyInput } from './input-blocking';

/**
 * Handlers that close the content-level escape routes. Each takes plain
 * objects shaped like Electron's, so unit tests can call them with fakes;
 * lockdown-wiring.ts attaches them to real web contents.
 */

export interface Preventable {
  preventDefault(): void;
}

/** will-navigate: only within our own app (a dropped file or a link to elsewhere is refused). */
export function onWillNavigate(event: Preventable & { url?: string }, url?: string): void {
  if (!isAppUrl(event.url ?? url)) event.preventDefault();
}

/** will-redirect: our app never redirects, so any redirect is someone else's. */
export function onWillRedirect(event: Preventable): void {
  event.preventDefault();
}

export function onWillAttachWebview(event: Preventable): void {
  event.preventDefault();
}

export function onWillDownload(event: Preventable): void {
  event.preventDefault();
}

/** window.open, target=_blank, middle clicks: never a second window. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** What Electron says about a permission asked for (the parts the kiosk looks at). */
export interface PermissionDetails {
  mediaTypes?: readonly string[];
  mediaType?: string;
  requestingUrl?: string;
}

/**
 * The camera alone, for the kiosk's own page: it reads a booking code's QR code (issue 16). Never the microphone,
 * never a request without its media types, never another origin.
 */
function isCameraOnly(permission: string, details: PermissionDetails | undefined, url?: string): boolean {
  if (permission !== 'media' || !isAppUrl(url ?? details?.requestingUrl)) return false;
  const types = details?.mediaTypes ?? (details?.mediaType ? [details.mediaType] : []);
  return types.length > 0 && types.every((type) => type === 'video');
}

/** Microphone, geolocation, notifications, …: a public terminal grants nothing but the camera for a QR code. */
export function permissionRequestHandler(
  _contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details?: PermissionDetails,
): void {
  callback(isCameraOnly(permission, details));
}

export function permissionCheckHandler(
  _contents?: unknown,
  permission?: string,
  requestingOrigin?: string,
  details?: PermissionDetails,
): boolean {
  return permission !== undefined && isCameraOnly(permission, details, requestingOrigin && `${requestingOrigin}/`);
}

export function onBeforeInput(event: Preventable, input: KeyInput): void {
  if (isBlockedInput(input)) event.preventDefault();
}

export interface CrashTracker {
  /** Returns the delay before reloading; grows when the renderer keeps crashing. */
  nextReloadDelay(now: number): number;
}

/** A crash loop must not spin the CPU: back off to at most 30 s between reloads. */
export function createCrashTracker(): CrashTracker {
  const recent: number[] = [];
  return {
    nextReloadDelay(now) {
      while (recent.length > 0 && now - (recent[0] as number) > 60_000) recent.shift();
      recent.push(now);
      return recent.length <= 3 ? 0 : Math.min(30_000, 1000 * 2 ** (recent.length - 3));
    },
  };
}
