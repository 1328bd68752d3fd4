import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { defaultContextTokensByProvider } from '@flowpilot/assistant/model-config';

const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIGNUP_ENABLED: booleanString.default(true),
  /** Set to true behind HTTPS so the session cookie is marked Secure. */
  COOKIE_SECURE: booleanString.default(false),
  /**
   * Reverse proxies whose X-Forwarded-For/-Proto are believed: true (any), a hop count, or a
   * comma-separated list of addresses/CIDRs. Off by default: a client could claim anything.
   */
  TRUST_PROXY: z
    .string()
    .transform((value, context): boolean | number | string[] => {
      if (value === 'true' || value === 'false') return value === 'true';
      if (/^\d+$/.test(value)) return Number(value);
      const entries = value.split(',').map((entry) => entry.trim());
      if (entries.every((entry) => isIP(entry.replace(/\/\d{1,3}$/, '')) !== 0)) return entries;
      context.addIssue({
        code: 'custom',
        message: 'use true, false, a hop count, or a comma-separated list of IP addresses or CIDRs',
      });
      return z.NEVER;
    })
    .default(false),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14),
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  AI_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LLM_PROVIDER: z.enum(['offline', 'anthropic', 'openai', 'openai-compatible']).default('offline'),
  LLM_MODEL: z.string().optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  ANTHROPIC_API_KEY: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Input token budget per turn; default per provider (defaultContextTokensByProvider). */
  LLM_CONTEXT_TOKENS: z.coerce.number().int().min(2_000).max(2_000_000).optional(),
  /** Send screenshots as images; default: Anthropic yes, OpenAI's vision models yes, an OpenAI-compatible server no. */
  LLM_VISION: booleanString.optional(),
  /** Where the built web app lives; the server serves it with an SPA fallback. */
  WEB_DIST: z.string().optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** Key for secrets at rest (PSA credentials): 32 bytes as base64 or 64 hex digits. Absent: a key file under DATA_DIR. */
  SECRET_KEY: z
    .string()
    .refine(
      (value) => /^[0-9a-fA-F]{64}$/.test(value) || Buffer.from(value, 'base64').length === 32,
      'must be 32 bytes: 64 hex digits or base64 (openssl rand -base64 32)',
    )
    .optional(),
  PSA_TIMEOUT_MS: z.coerce.number().int().min(50).default(15_000),
  PSA_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  PSA_BACKOFF_MS: z.coerce.number().int().min(1).default(500),
  PSA_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  PSA_DELIVERY_BACKOFF_MS: z.coerce.number().int().min(1).default(30_000),
  PSA_DELIVERY_LEASE_MS: z.coerce.number().int().min(100).default(120_000),
  PSA_QUEUE_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  /** Comma-separated host names the PSA client may call (unset: any); keeps an owner's URL off internal hosts. */
  PSA_ALLOWED_HOSTS: z.string().optional(),
  PSA_AUTOTASK_ZONE_LOOKUP_URL: z
    .url()
    .default('https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation'),
});

export interface ModelSettings {
  provider: 'offline' | 'anthropic' | 'openai' | 'openai-compatible';
  model: string | undefined;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  /** Most tokens of input one turn sends (LLM_CONTEXT_TOKENS); unset means the provider's default. */
  contextTokens?: number | undefined;
  /** LLM_VISION: the model takes images; unset means the provider's and model's default. */
  vision?: boolean | undefined;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  logLevel: string;
  signupEnabled: boolean;
  cookieSecure: boolean;
  trustProxy: boolean | number | string[];
  tokenTtlHours: number;
  authRateLimitPerMinute: number;
  aiRateLimitPerMinute: number;
  llm: ModelSettings;
  webDist: string | undefined;
  shutdownGraceMs: number;
  /** SECRET_KEY; without it the key file under DATA_DIR is used (created on first need). */
  secretKey: string | undefined;
  psa: PsaSettings;
}

export interface PsaSettings {
  timeoutMs: number;
  maxRetries: number;
  backoffBaseMs: number;
  /** A Retry-After longer than this is left to the delivery runner instead of waited out in a request. */
  maxInlineWaitMs: number;
  deliveryMaxAttempts: number;
  deliveryBackoffMs: number;
  /** How long a delivery attempt holds its row; a crashed process's attempt is retried after it. */
  deliveryLeaseMs: number;
  /** How often the delivery queue is polled (pg-boss allows 0.5 s at the least). */
  queuePollSeconds: number;
  autotaskZoneLookupUrl: string;
  /** PSA_ALLOWED_HOSTS: the only hosts PSA requests may go to; undefined allows any. */
  allowedHosts?: string[] | undefined;
}

/** Reads the environment once at boot; a bad value stops the process with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are how shells and .env files say "unset".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const apiKey =
    e.LLM_API_KEY ??
    (e.LLM_PROVIDER === 'anthropic' ? e.ANTHROPIC_API_KEY : undefined) ??
    (e.LLM_PROVIDER === 'openai' ? e.OPENAI_API_KEY : undefined);
  if ((e.LLM_PROVIDER === 'anthropic' || e.LLM_PROVIDER === 'openai') && !apiKey) {
    throw new Error(`Invalid configuration:\n  LLM_API_KEY: required when LLM_PROVIDER=${e.LLM_PROVIDER}`);
  }
  if (e.LLM_PROVIDER === 'openai-compatible' && !e.LLM_BASE_URL) {
    throw new Error('Invalid configuration:\n  LLM_BASE_URL: required when LLM_PROVIDER=openai-compatible');
  }
  return {
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    signupEnabled: e.SIGNUP_ENABLED,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    tokenTtlHours: e.TOKEN_TTL_HOURS,
    authRateLimitPerMinute: e.AUTH_RATE_LIMIT_PER_MINUTE,
    aiRateLimitPerMinute: e.AI_RATE_LIMIT_PER_MINUTE,
    llm: {
      provider: e.LLM_PROVIDER,
      model: e.LLM_MODEL,
      baseUrl: e.LLM_BASE_URL,
      apiKey,
      timeoutMs: e.LLM_TIMEOUT_MS,
      maxRetries: e.LLM_MAX_RETRIES,
      contextTokens: e.LLM_CONTEXT_TOKENS ?? defaultContextTokensByProvider[e.LLM_PROVIDER],
      vision: e.LLM_VISION,
    },
    webDist: e.WEB_DIST,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    secretKey: e.SECRET_KEY,
    psa: {
      timeoutMs: e.PSA_TIMEOUT_MS,
      maxRetries: e.PSA_MAX_RETRIES,
      backoffBaseMs: e.PSA_BACKOFF_MS,
      maxInlineWaitMs: Math.min(10_000, e.PSA_TIMEOUT_MS),
      deliveryMaxAttempts: e.PSA_DELIVERY_MAX_ATTEMPTS,
      deliveryBackoffMs: e.PSA_DELIVERY_BACKOFF_MS,
      deliveryLeaseMs: e.PSA_DELIVERY_LEASE_MS,
      queuePollSeconds: e.PSA_QUEUE_POLL_SECONDS,
      autotaskZoneLookupUrl: e.PSA_AUTOTASK_ZONE_LOOKUP_URL,
      allowedHosts: e.PSA_ALLOWED_HOSTS?.split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    },
  };
}
