import { createHash } from 'node:crypto';
import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@flowpilot/core/app-error';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

const WINDOW_MS = 60_000;

/** The limited email as the account lookup sees it (the contract trims and lowercases it). */
const emailOf = (request: FastifyRequest) =>
  String((request.body as { email?: unknown } | undefined)?.email ?? '')
    .trim()
    .toLowerCase();

// Hashed so the shared Redis holds no email addresses.
const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

async function enforce(limiter: Limiter, request: FastifyRequest, message: string) {
  const limit = await limiter(request);
  if (limit.isAllowed || !limit.isExceeded) return;
  const error = new AppError('rate_limited', message);
  // The error handler copies this header onto the problem answer.
  throw Object.assign(error, { headers: { 'retry-after': String(Math.max(1, limit.ttlInSeconds)) } });
}

/**
 * Sign-in and sign-up attempts are counted twice — per client address and per target email —
 * and never per caller: a Bearer token or cookie says nothing about who is guessing, and keying
 * by it gave an owner with throw-away users a fresh budget per user. The address is counted
 * before the body is read (every request counts, well-formed or not); the email once it is
 * parsed, so one account gets `max` guesses a minute however many addresses they come from.
 * Both counters live in the rate-limit store, shared over Redis when it is configured.
 */
export function authAttemptLimits(app: FastifyInstance, action: 'login' | 'signup', max: number) {
  const byAddress = app.createRateLimit({
    max,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `auth-${action}:ip:${normalizeIP(request.ip, 64)}`,
  });
  const byEmail = app.createRateLimit({
    max,
    timeWindow: WINDOW_MS,
    keyGenerator: (request) => `auth-${action}:email:${digest(emailOf(request))}`,
  });
  const message =
    action === 'login'
      ? 'Too many sign-in attempts. Wait a moment before trying again.'
      : 'Too many sign-up attempts. Wait a moment before trying again.';
  return {
    onRequest: (request: FastifyRequest) => enforce(byAddress, request, message),
    preHandler: (request: FastifyRequest) => enforce(byEmail, request, message),
  };
}
