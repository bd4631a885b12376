import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where kiosks find their updates (electron-updater's generic provider): `<hub url>/updates/`. */
export const UPDATES_PREFIX = '/updates/';

/**
 * Serves the folder the release is published to (latest.yml, latest-linux.yml, the installers and
 * their blockmaps) read-only: no listing, no index, no dot files. The files are public (integrity
 * comes from the SHA-512 in latest.yml, fetched over the hub's TLS), so no credential is asked.
 * The *.yml files are never cached: a staged rollout is widened by editing them in place.
 */
export async function registerUpdateFiles(app: FastifyInstance, updatesDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: resolve(updatesDir),
    prefix: UPDATES_PREFIX,
    decorateReply: false,
    index: false,
    list: false,
    serveDotFiles: false,
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders(reply, path) {
      reply.header('cache-control', path.endsWith('.yml') ? 'no-cache' : 'public, max-age=86400');
    },
  });
}
