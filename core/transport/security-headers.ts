/**
 * Security headers shared by the browser-mode HTTP server and the Electron
 * app:// protocol. One place, so both transports stay equally strict.
 */

export interface CspOptions {
  /** Extra connect-src sources besides 'self' (browser mode adds its WebSocket origins). */
  connectSrc?: readonly string[];
  /** Frame sources; none by default (default-src 'none'). */
  frameSrc?: readonly string[];
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'", ...(options.connectSrc ?? [])].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Spoken prompts arrive as WAV bytes through the API and play through Web Audio, which needs no
    // media-src: media stays under default-src 'none'.
    `connect-src ${connect}`,
    ...(options.frameSrc?.length ? [`frame-src ${options.frameSrc.join(' ')}`] : []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join('; ');
}

/** Powerful features a public terminal never grants to the page. */
const DENIED_FEATURES = [
  'microphone',
  'geolocation',
  'usb',
  'serial',
  'hid',
  'payment',
  'midi',
  'display-capture',
  'clipboard-read',
  'publickey-credentials-get',
  'accelerometer',
  'gyroscope',
  'magnetometer',
];

/**
 * The camera only for the kiosk's own page, which reads a booking code's QR code with it (issue 16); never for
 * a frame. Electron grants it only for video (electron/main/lockdown.ts).
 */
export const PERMISSIONS_POLICY = ['camera=(self)', ...DENIED_FEATURES.map((feature) => `${feature}=()`)].join(', ');

/** Headers for every response; the CSP depends on the transport. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': PERMISSIONS_POLICY,
  };
}

/**
 * CSP for browser kiosk mode: the renderer also talks to the server's WebSocket.
 * frame-src blob: lets the page print the receipt, which it made itself as a
 * blob: URL, from a hidden frame (Chromium's PDF viewer needs a frame to print a
 * PDF). A blob: URL can only come from the page's own scripts ('self'), and the
 * frame inherits this policy. Electron prints in the main process and needs none.
 */
export function browserModeCsp(port: number): string {
  return contentSecurityPolicy({
    connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
    frameSrc: ['blob:'],
  });
}
