/** A refusal with its HTTP status and a short machine-readable code (never personal data). */
export class HubError extends Error {
  override name = 'HubError';
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}
