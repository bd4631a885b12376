export { startHttpServer, type HttpServerOptions, type RunningHttpServer } from './http-server';
export { MAX_BODY_BYTES } from './api-route';
export { contentSecurityPolicy, securityHeaders, browserModeCsp } from './security-headers';
export { resolveStaticFile, contentTypeFor } from './static-files';
