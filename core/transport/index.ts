export { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './http-server';
export { MAX_BODY_BYTES } from './api-route';
export { createServerApi, type ServerApi } from './server-api';
export { contentSecurityPolicy, securityHeaders, browserModeCsp } from './security-headers';
export { resolveStaticFile, contentTypeFor } from './static-files';
