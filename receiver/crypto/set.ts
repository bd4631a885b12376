import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { eventUri, SET_ALG, SET_PAYLOAD_SCHEMA, SET_TYP, type EventName, type SetPayload } from '../protocol/events';

/**
 * Signs one Security Event Token (RFC 8417) as FIT-Connect's event log carries it:
 * header {typ: secevent+jwt, alg: PS512, kid}, claims $schema, jti, iss, iat, sub "submission:<id>",
 * txn "case:<id>" and exactly one event. The submission service signs create/submit with its key
 * (iss = its base URL); the subscriber signs accept/reject with the destination's key (iss = destinationId).
 */
export interface SetInput {
  issuer: string;
  submissionId: string;
  caseId: string;
  event: EventName;
  eventPayload: Record<string, unknown>;
  issuedAtMs: number;
}

export async function signSet(input: SetInput, kid: string, privateKey: CryptoKey): Promise<string> {
  const payload: SetPayload = {
    $schema: SET_PAYLOAD_SCHEMA,
    jti: randomUUID(),
    iss: input.issuer,
    iat: Math.floor(input.issuedAtMs / 1000),
    sub: `submission:${input.submissionId}`,
    txn: `case:${input.caseId}`,
    events: { [eventUri(input.event)]: input.eventPayload },
  };
  return new SignJWT(payload as unknown as Record<string, unknown>)
    .setProtectedHeader({ alg: SET_ALG, typ: SET_TYP, kid })
    .sign(privateKey);
}
