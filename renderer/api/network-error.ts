/** Thrown by a transport when the core cannot be reached at all (as opposed to a typed error Result). */
export class NetworkError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NetworkError';
  }
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}
