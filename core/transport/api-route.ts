import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Result } from '../../contract/result';
import { fail } from '../../contract/result-builders';
import { SESSION_TOKEN_HEADER } from '../../contract/session-token';
import type { KioskCore } from '../types';
import type { PageHolders } from './page-holder';
import { loopbackPeerUid } from './peer-user';
import { SPEECH_AUDIO_CONTENT_TYPE, speechAudioHeaders, type SpeechAudioBytes } from '../../contract/speech';
import { callMethod, sendJson } from './respond';

/** Largest accepted request body. Answers are small; this leaves room without inviting abuse. */
export const MAX_BODY_BYTES = 64 * 1024;

/** An oversize body is still drained up to this point, so the client can read our answer before we close. */
const DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;

type BodyOutcome = { kind: 'ok'; text: string } | { kind: 'too_large' } | { kind: 'aborted' };

function readBody(request: IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > DRAIN_LIMIT_BYTES) {
      request.destroy();
      resolve({ kind: 'aborted' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        request.destroy();
        settle({ kind: 'aborted' });
      } else if (size <= limit) {
        chunks.push(chunk);
      }
    });
    request.on('end', () =>
      settle(size > limit ? { kind: 'too_large' } : { kind: 'ok', text: Buffer.concat(chunks).toString('utf8') }),
    );
    request.on('error', () => settle({ kind: 'aborted' }));
    request.on('close', () => settle({ kind: 'aborted' }));
  });
}

/** A prompt's audio as the body's own bytes (contract/speech.ts): no base64 for the page to decode. */
function sendSpeechAudio(response: ServerResponse, audio: SpeechAudioBytes): void {
  response.writeHead(200, {
    'Content-Type': SPEECH_AUDIO_CONTENT_TYPE,
    'Content-Length': audio.wav.byteLength,
    'Cache-Control': 'no-store',
    ...speechAudioHeaders(audio),
  });
  response.end(audio.wav);
}

function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return true;
  return header.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * POST /api/call/<method>: the JSON body is the method's input. Always answers
 * 200 with a Result, so the client parses one shape; the contract inside
 * core.dispatch validates method and input.
 */
export async function handleCall(
  core: KioskCore,
  request: IncomingMessage,
  response: ServerResponse,
  pathname: string,
  holders: Pick<PageHolders<object>, 'mayTakeOver'>,
): Promise<void> {
  if (request.method !== 'POST') {
    sendJson(response, 405, fail('unknown_method', { detail: 'use POST' }), { Allow: 'POST' });
    return;
  }
  const method = callMethod(pathname);
  if (method === undefined) {
    sendJson(response, 200, fail('unknown_method'));
    return;
  }
  // A form or text/plain post is how cross-site requests avoid a CORS preflight; accept JSON only.
  if (!isJsonContentType(request.headers['content-type'])) {
    sendJson(response, 200, fail('invalid_input', { detail: 'content type must be application/json' }));
    return;
  }
  const body = await readBody(request, MAX_BODY_BYTES);
  if (body.kind === 'aborted') return;
  if (body.kind === 'too_large') {
    sendJson(response, 200, fail('payload_too_large', { detail: `limit ${MAX_BODY_BYTES} bytes` }), {
      Connection: 'close',
    });
    return;
  }
  let input: unknown;
  try {
    input = JSON.parse(body.text);
  } catch {
    sendJson(response, 200, fail('invalid_input', { detail: 'body is not valid JSON' }));
    return;
  }
  // The page's session token comes in a header of its own, beside the input and never in the URL.
  const header = request.headers[SESSION_TOKEN_HEADER];
  const caller = {
    ...(typeof header === 'string' ? { sessionToken: header } : {}),
    ownPage: holders.mayTakeOver(method, () => loopbackPeerUid(request.socket)),
  };
  let result: Result<unknown>;
  try {
    result = await core.dispatch(method, input, caller);
  } catch {
    // dispatch promises never to throw; if it does anyway, no stack trace crosses the boundary.
    result = fail('internal');
  }
  if (method === 'speech.synthesize' && result.ok) {
    sendSpeechAudio(response, result.value as SpeechAudioBytes);
    return;
  }
  sendJson(response, 200, result);
}
