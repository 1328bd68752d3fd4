import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Serves the built web app from the API's own process. Unknown non-API GETs get
 * index.html so client-side routes survive a reload; hashed assets are cached forever.
 */
export async function registerSpa(app: FastifyInstance, webDist: string | undefined) {
  if (!webDist || !existsSync(path.join(webDist, 'index.html'))) {
    app.log.warn({ webDist }, 'web app not built; serving the API only (run npm run build)');
    return null;
  }
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: false,
    // Otherwise @fastify/send writes its own Cache-Control after setHeaders and hashed assets are never cached.
    cacheControl: false,
    setHeaders(res, filePath) {
      const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
      res.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (request: FastifyRequest, reply: FastifyReply) => {
    const url = request.url.split('?')[0]!;
    if ((request.method !== 'GET' && request.method !== 'HEAD') || url.startsWith('/api/')) return false;
    if (path.extname(url)) return false;
    void reply.header('cache-control', 'no-cache').sendFile('index.html');
    return true;
  };
}
