import { z } from 'zod';
import type { ModelBackend } from './chat-model.ts';

export const modelProviders = [
  'offline',
  'anthropic',
  'openai',
  'openai-compatible',
] as const satisfies readonly ModelBackend[];
export type ModelProvider = (typeof modelProviders)[number];

export const defaultModelByProvider: Record<ModelProvider, string | undefined> = {
  offline: 'playbooks-v1',
  anthropic: 'claude-sonnet-4-5',
  openai: 'gpt-4.1-mini',
  // An OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) has no sensible default.
  'openai-compatible': undefined,
};

/**
 * Assistant configuration. The server builds it from its validated environment;
 * this module never reads `process.env` itself.
 */
export const ZModelConfig = z
  .object({
    provider: z.enum(modelProviders).default('offline'),
    model: z.string().trim().min(1).max(200).optional(),
    baseUrl: z.url().optional(),
    apiKey: z.string().min(1).optional(),
    /** Whole-request budget, from sending the request to the last chunk. */
    timeoutMs: z.number().int().positive().default(60_000),
    /**
     * Longest wait for the first text chunk and, after that, between chunks. Defaults to
     * `timeoutMs`, capped at 30 s, so a hung server is noticed well before the overall budget.
     */
    idleTimeoutMs: z.number().int().positive().optional(),
    /** Retries on 429/5xx/connection failures, only before any text was streamed. */
    maxRetries: z.number().int().min(0).max(10).default(2),
  })
  .superRefine((config, context) => {
    if (config.provider === 'openai-compatible') {
      if (!config.baseUrl)
        context.addIssue({
          code: 'custom',
          path: ['baseUrl'],
          message: 'required for an openai-compatible server',
        });
      if (!config.model)
        context.addIssue({
          code: 'custom',
          path: ['model'],
          message: 'required for an openai-compatible server',
        });
    }
    if ((config.provider === 'anthropic' || config.provider === 'openai') && !config.apiKey) {
      context.addIssue({
        code: 'custom',
        path: ['apiKey'],
        message: `required for the ${config.provider} provider`,
      });
    }
  });

export type ModelConfigInput = z.input<typeof ZModelConfig>;
export type ModelConfig = z.output<typeof ZModelConfig>;

/** Validates and fills defaults; throws a ZodError naming the field at fault. */
export function parseModelConfig(input: ModelConfigInput): ModelConfig {
  return ZModelConfig.parse(input);
}

export function resolveModelName(config: Pick<ModelConfig, 'provider' | 'model'>): string {
  return config.model ?? defaultModelByProvider[config.provider] ?? 'unknown';
}

export function resolveIdleTimeoutMs(config: Pick<ModelConfig, 'timeoutMs' | 'idleTimeoutMs'>): number {
  return config.idleTimeoutMs ?? Math.min(config.timeoutMs, 30_000);
}

/** What `/health` and the settings page show. Never includes the key or the base URL's credentials. */
export function describeModel(config: Pick<ModelConfig, 'provider' | 'model'>): {
  backend: ModelBackend;
  model: string;
} {
  return { backend: config.provider, model: resolveModelName(config) };
}
