/** A start-up failure that `npm start` reports in one plain line (no stack trace). */
export class StartupError extends Error {}
