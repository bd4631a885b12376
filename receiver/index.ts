/**
 * Local reference receiver for the FIT-Connect Submission API v1 (portal and subscriber side), for tests
 * and the demo. See receiver/README.md for the routes a sender uses.
 */
export { startReceiver, type FaultController, type Receiver } from './start-receiver';
export type { ClientConfig, DestinationConfig, DestinationConfigInput, ReceiverOptions } from './config';
export { DEFAULT_DESTINATION_ID, defaultDestinations, serviceIdentifier } from './default-destinations';
export type { ActiveFault, FaultFiring, FaultKind, FaultRoute, FaultRule } from './faults';
export type { ApiRouteName, RouteName } from './http/routes';
export { generateReceiverKeys, type ReceiverKeySet } from './crypto/keys';
export type { RequestCounts } from './request-counter';
export { listReceivedFromDataDir, type ReceivedApplication, type ReceivedAttachment } from './received';
export {
  EVENT_BASE,
  eventUri,
  SUBSCRIBER_PROBLEM_BASE,
  type AuthenticationTags,
  type EventName,
  type SetPayload,
  type SubscriberProblem,
} from './protocol/events';
export { SUBMISSION_API_PROBLEM_BASE, type ProblemDocument } from './protocol/problems';
export { METADATA_SCHEMA_ID } from './subscriber/validators';
