export * from './terminal-protocol';
export * from './console-protocol';
export * from './kiosk-bookings';
export * from './feedback-comments';
export * from './health';
export * from './alerts';
export * from './bundles';
