import path from 'node:path';
import { z } from 'zod';

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
  /** Where the built web app lives; the server serves it with an SPA fallback. */
  WEB_DIST: z.string().optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
});

export interface ModelSettings {
  provider: 'offline' | 'anthropic' | 'openai' | 'openai-compatible';
  model: string | undefined;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
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
  tokenTtlHours: number;
  authRateLimitPerMinute: number;
  aiRateLimitPerMinute: number;
  llm: ModelSettings;
  webDist: string | undefined;
  shutdownGraceMs: number;
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
    },
    webDist: e.WEB_DIST,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
