import type { Health } from '../../../types/api';

const knownBackends: Record<string, string> = {
  offline: 'offline engine',
  'offline-engine': 'offline engine',
  offline_engine: 'offline engine',
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  'openai-compatible': 'OpenAI-compatible',
  openai_compatible: 'OpenAI-compatible',
  ollama: 'Ollama',
};

/** "offline engine", "Anthropic", … — how people name the backend, not how config spells it. */
export function backendLabel(backend: string): string {
  return knownBackends[backend.toLowerCase()] ?? backend;
}

export type HealthTone = 'ok' | 'warning' | 'down' | 'unknown';

export function assistantTone(health: Health | undefined): HealthTone {
  if (!health) return 'unknown';
  return health.llm.status === 'ok' ? 'ok' : 'warning';
}
