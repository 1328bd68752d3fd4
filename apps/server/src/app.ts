import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError } from '@flowpilot/core/app-error';
import type { AppContext } from './app-context.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { registerJsonBodyParser } from './http/json-body.ts';
import { registerErrorHandling, routerProblemSender } from './http/problem.ts';
import { registerSpa } from './http/spa.ts';
import { fastifyTrustProxy, registerTransportSecurity } from './http/transport-security.ts';
import { aiSessionsRoutes } from './modules/ai-sessions/ai-sessions.routes.ts';
import { sessionStartRoutes } from './modules/session-start/session-start.routes.ts';
import { attachmentsRoutes } from './modules/attachments/attachments.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { chatRoutes } from './modules/chat/chat.routes.ts';
import { draftTemplatesRoutes } from './modules/draft-templates/draft-templates.routes.ts';
import { escalationsRoutes } from './modules/escalations/escalations.routes.ts';
import { factsRoutes } from './modules/facts/facts.routes.ts';
import { fixLifecycleRoutes } from './modules/fix-lifecycle/fix-lifecycle.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { psaRoutes } from './modules/psa/psa.routes.ts';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.ts';
import { scriptBuilderRoutes } from './modules/script-builder/script-builder.routes.ts';
import { scriptTemplatesRoutes } from './modules/script-templates/script-templates.routes.ts';
import { scriptsRoutes } from './modules/scripts/scripts.routes.ts';
import { sessionClosingRoutes } from './modules/session-closing/session-closing.routes.ts';
import { suggestedFixesRoutes } from './modules/suggested-fixes/suggested-fixes.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { version } from './version.ts';

export const API_PREFIX = '/api/v1';
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface BuildAppOptions {
  /** Shared rate-limit store (Redis) for several processes; in-memory when absent. */
  rateLimitRedis?: unknown;
}

/** Builds the whole HTTP app without listening, so tests can drive it in-process. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}) {
  const app = Fastify({
    loggerInstance: ctx.log,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    // X-Forwarded-For/-Proto count only from configured proxies (client address, HTTPS detection).
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    // Errors the router raises before any route runs (a bad %-escape, an over-long id) are problem details too.
    frameworkErrors: routerProblemSender(ctx.config.cookieSecure),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Monaco and the docs UI inject style elements at runtime.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        workerSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // Both only over HTTPS (registerTransportSecurity): over plain HTTP they blank the page.
    strictTransportSecurity: false,
  });
  registerTransportSecurity(app, ctx.config.cookieSecure);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    // A Redis outage lets requests through (unlimited) rather than failing every login with a 500.
    ...(options.rateLimitRedis
      ? { redis: options.rateLimitRedis as never, nameSpace: 'flowpilot-rl:', skipOnError: true }
      : {}),
    keyGenerator: (request) => request.caller?.userId ?? request.ip,
    errorResponseBuilder: (_request, context) => {
      const error = new AppError('rate_limited', `Too many requests. Try again in ${context.after}.`);
      return Object.assign(error, {
        statusCode: 429,
        headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
      });
    },
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'FlowPilot API', version },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerJsonBodyParser(app);
  // Only JSON is accepted; anything else is a clear 415 rather than a parser crash.
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(new AppError('unsupported_media_type', 'Send the request body as application/json.'), undefined);
  });

  // Replies in flight get the shutdown grace period to finish; their SSE clients then close.
  app.addHook('preClose', async () => {
    await ctx.generations.drain(ctx.config.shutdownGraceMs);
  });
  app.addHook('onClose', async () => {
    await ctx.ocr.close();
    await ctx.knowledge.close();
  });

  registerAuthentication(app, ctx);
  const spaFallback = await registerSpa(app, ctx.config.webDist);
  registerErrorHandling(app, spaFallback);

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { ctx });
      await api.register(authRoutes, { ctx });
      await api.register(usersRoutes, { ctx });
      await api.register(sessionStartRoutes, { ctx });
      await api.register(aiSessionsRoutes, { ctx });
      await api.register(factsRoutes, { ctx });
      await api.register(suggestedFixesRoutes, { ctx });
      await api.register(chatRoutes, { ctx });
      await api.register(scriptTemplatesRoutes, { ctx });
      await api.register(scriptsRoutes, { ctx });
      await api.register(draftTemplatesRoutes, { ctx });
      await api.register(fixLifecycleRoutes, { ctx });
      await api.register(sessionClosingRoutes, { ctx });
      await api.register(auditRoutes, { ctx });
      await api.register(scriptBuilderRoutes, { ctx });
      await api.register(attachmentsRoutes, { ctx });
      await api.register(psaRoutes, { ctx });
      await api.register(knowledgeRoutes, { ctx });
      await api.register(escalationsRoutes, { ctx });
    },
    { prefix: API_PREFIX },
  );

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
