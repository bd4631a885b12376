export { createHub, type Hub, type HubOptions, type RouteEntry } from './create-hub';
export { startLocalHub, DEMO_ADMIN_USERNAME, type LocalHub, type LocalHubOptions } from './local-hub';
