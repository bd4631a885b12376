import http from 'node:http';
import https from 'node:https';
import { trustedCas } from './trust';

export interface HttpExchange {
  method: 'GET' | 'POST' | 'PUT';
  url: string | URL;
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange, body included. */
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The complete body: a response cut off before its end rejects instead. */
  text: string;
}

/**
 * Outgoing HTTP(S) for the core (portal and hub enrolment), on node:http/https rather than fetch, so that
 * the town's CA can be given per connection (see ./trust.ts); fetch takes no CA without undici's own Agent.
 * Connections are kept alive between calls, as fetch did. Redirects are not followed: an answer is an answer.
 * Failures reject with Node's error (its `code`, e.g. UNABLE_TO_VERIFY_LEAF_SIGNATURE); a timeout with an
 * error named TimeoutError.
 */
export class HttpClient {
  private readonly httpsAgent: https.Agent;
  private readonly httpAgent = new http.Agent({ keepAlive: true });

  constructor(townCaPem?: string) {
    const ca = trustedCas(townCaPem);
    this.httpsAgent = new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) });
  }

  request(exchange: HttpExchange): Promise<HttpAnswer> {
    const url = typeof exchange.url === 'string' ? new URL(exchange.url) : exchange.url;
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return Promise.reject(new Error(`not an http(s) URL`));
    const headers: Record<string, string> = { ...exchange.headers };
    if (exchange.body !== undefined) headers['content-length'] = String(Buffer.byteLength(exchange.body));
    return new Promise<HttpAnswer>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      const send = secure ? https.request : http.request;
      const request = send(
        url,
        { method: exchange.method, headers, agent: secure ? this.httpsAgent : this.httpAgent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('aborted', () => fail(new Error('response aborted')));
          response.on('error', fail);
          response.on('end', () => {
            if (!response.complete) return fail(new Error('response incomplete'));
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      const timer = setTimeout(() => {
        const error = new Error('timed out');
        error.name = 'TimeoutError';
        fail(error);
        request.destroy(error);
      }, exchange.timeoutMs);
      timer.unref();
      request.on('error', fail);
      request.end(exchange.body);
    });
  }

  /** Closes kept-alive connections (the kiosk is closing). */
  close(): void {
    this.httpsAgent.destroy();
    this.httpAgent.destroy();
  }
}
