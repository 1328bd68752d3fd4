import type { FastifyInstance, FastifyRequest } from 'fastify';

export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Whether the browser reached us over HTTPS: declared by configuration (COOKIE_SECURE=true), or
 * said by a proxy we trust (`request.protocol` reads X-Forwarded-Proto only under TRUST_PROXY).
 */
export const servedOverHttps = (request: FastifyRequest, cookieSecure: boolean) =>
  cookieSecure || request.protocol === 'https';

/**
 * HSTS and CSP `upgrade-insecure-requests` only over HTTPS. Sent over plain HTTP, the upgrade
 * makes a browser fetch every script and style of the page by https:// — which a plain-HTTP
 * deployment does not answer — so the app renders blank on any hostname but localhost (the one
 * host browsers exempt). Helmet sends neither itself; this adds both where they belong.
 */
export function transportSecurityHeaders(
  request: FastifyRequest,
  cookieSecure: boolean,
  csp: string | undefined,
): Record<string, string> {
  if (!servedOverHttps(request, cookieSecure)) return {};
  return {
    'strict-transport-security': HSTS,
    ...(csp ? { 'content-security-policy': `${csp}; upgrade-insecure-requests` } : {}),
  };
}

/** Runs after helmet's own hook, so the CSP it set is there to extend. */
export function registerTransportSecurity(app: FastifyInstance, cookieSecure: boolean) {
  app.addHook('onRequest', async (request, reply) => {
    const csp = reply.getHeader('content-security-policy');
    void reply.headers(
      transportSecurityHeaders(request, cookieSecure, typeof csp === 'string' ? csp : undefined),
    );
  });
}

/** TRUST_PROXY as Fastify takes it (its types have no hop count: trust the nearest `hops` hops). */
export const fastifyTrustProxy = (trust: boolean | number | string[]) =>
  typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
