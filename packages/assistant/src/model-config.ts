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
 * Default input budget per turn (LLM_CONTEXT_TOKENS), counted with o200k_base:
 * - anthropic 80k: Claude's window is 200k, but o200k undercounts Claude's
 *   tokenizer by up to ~20 %, output needs room, and every uncached token is paid per turn.
 * - openai 100k: counted exactly; the window is far larger, the cap is for cost and latency.
 * - openai-compatible 8k: local servers start small (Ollama's and llama.cpp's default context is
 *   4–8k); raise it together with the server's own setting (num_ctx, -c).
 * - offline 1M: nothing leaves the machine, and the engine replays its own earlier turns, so it
 *   is given all of them.
 */
export const defaultContextTokensByProvider: Record<ModelProvider, number> = {
  offline: 1_000_000,
  anthropic: 80_000,
  openai: 100_000,
  'openai-compatible': 8_192,
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
    /** The model takes images (LLM_VISION); unset means the provider's and model's default, see `acceptsImages`. */
    vision: z.boolean().optional(),
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

/**
 * OpenAI's models that take images: GPT-4o, 4.1 and 4-turbo, GPT-5, o1 (not o1-mini), o3, o4.
 * Older and text-only names (gpt-3.5, gpt-4, o1-mini, o3-mini) get the extracted text instead.
 */
const openaiVisionModel =
  /^(?:chatgpt-4o|gpt-4o|gpt-4\.1|gpt-4-turbo|gpt-4\.5|gpt-5|o1(?!-mini)|o3(?!-mini)|o4)/;

/**
 * Whether screenshots are sent as images: every Claude model takes them; OpenAI's vision
 * models by name; an OpenAI-compatible server only when LLM_VISION says so (a local model may
 * be text-only, and an image it cannot read fails the whole request); the offline engine reads
 * the extracted text. LLM_VISION overrides any of these.
 */
export function acceptsImages(config: Pick<ModelConfig, 'provider' | 'model' | 'vision'>): boolean {
  if (config.vision !== undefined) return config.vision;
  switch (config.provider) {
    case 'anthropic':
      return true;
    case 'openai':
      return openaiVisionModel.test(resolveModelName(config));
    case 'openai-compatible':
    case 'offline':
      return false;
  }
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
