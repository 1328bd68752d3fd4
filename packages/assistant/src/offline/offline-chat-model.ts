import {
  ModelError,
  type ChatChunk,
  type ChatModel,
  type ChatRequest,
  type Leaning,
  type PlaybookSet,
  type SessionSnapshot,
} from '../chat-model.ts';
import { composeFreshAssessment, asksForFreshAssessment } from './fresh-assessment.ts';
import {
  createOfflineEngine,
  leaderEvidence,
  type EngineContext,
  type OfflineEngine,
} from './offline-engine.ts';

export interface OfflineChatModelOptions {
  model?: string;
  engine?: OfflineEngine;
  /** Characters per streamed chunk (default 24), so downstream streaming is exercised for real. */
  chunkSize?: number;
  /** Pause between chunks; 0 (default) only yields to the event loop. */
  chunkDelayMs?: number;
}

/** The offline engine behind the one model interface: backend `offline`, model `playbooks-v1`. */
export function createOfflineChatModel(options: OfflineChatModelOptions = {}): ChatModel {
  const defaultEngine = options.engine ?? createOfflineEngine();
  // One compiled engine per playbook set; a replaced set (a playbook changed) is dropped with it.
  const engines = new WeakMap<PlaybookSet, OfflineEngine>();
  const engineFor = (set: PlaybookSet | undefined) => {
    if (!set) return defaultEngine;
    let engine = engines.get(set);
    if (!engine) {
      engine = createOfflineEngine(set.playbooks);
      engines.set(set, engine);
    }
    return engine;
  };
  const chunkSize = Math.max(1, options.chunkSize ?? 24);
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  return {
    backend: 'offline',
    model: options.model ?? 'playbooks-v1',
    assess(request: ChatRequest): Leaning {
      const belief = engineFor(request.playbooks).explain(
        request.messages.filter((message) => message.part !== 'state'),
        engineContext(request.session),
      );
      const [first, ...rest] = belief.candidates;
      const leads = first !== undefined && first.probability > belief.none;
      const evidence = leads ? leaderEvidence(first, 5) : undefined;
      return {
        leader:
          leads && evidence
            ? {
                title: first.playbook.title,
                category: first.playbook.category,
                probability: first.probability,
                for: evidence.support.map((item) => item.label),
                against: evidence.against.map((item) => item.label),
              }
            : null,
        alternatives: (leads ? rest : belief.candidates)
          .slice(0, 3)
          .map((candidate) => ({ title: candidate.playbook.title, probability: candidate.probability })),
        none: belief.none,
      };
    },
    async *stream(request: ChatRequest): AsyncIterable<ChatChunk> {
      throwIfAborted(request.signal);
      const latest = request.messages.filter((message) => message.part !== 'state').at(-1);
      // Issue 17: "get a fresh assessment" after a handoff is a summary, not the next question.
      const text =
        latest?.role === 'user' && asksForFreshAssessment(latest.content) && request.session
          ? composeFreshAssessment(request.session)
          : engineFor(request.playbooks).reply(
              // The state block is for a reader of prose; the engine takes the same state as data.
              request.messages.filter((message) => message.part !== 'state'),
              engineContext(request.session),
            );
      for (let offset = 0; offset < text.length; offset += chunkSize) {
        await pause(chunkDelayMs);
        throwIfAborted(request.signal);
        yield { type: 'text', text: text.slice(offset, offset + chunkSize) };
      }
      // No tokenizer offline: words are the honest unit.
      const inputTokens =
        countWords(request.system) +
        request.messages.reduce((sum, message) => sum + countWords(message.content), 0);
      yield { type: 'usage', inputTokens, outputTokens: countWords(text) };
    },
  };
}

/** The session's state as the engine's evidence: notes read like typed text, banner outcomes like typed outcomes. */
export function engineContext(session: SessionSnapshot | undefined): EngineContext {
  if (!session) return {};
  return {
    ...(session.ticketRef ? { ticketRef: session.ticketRef } : {}),
    ...(session.clientName ? { clientName: session.clientName } : {}),
    ...(session.assetName ? { assetName: session.assetName } : {}),
    notes: session.notes,
    ...(session.similar ? { similar: session.similar } : {}),
    fixes: session.fixes.map((fix) => ({
      templateId: fix.templateId,
      title: fix.title,
      outcome: fix.outcome,
    })),
  };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ModelError('aborted', 'The request was cancelled');
}

function pause(ms: number): Promise<void> {
  return ms > 0
    ? new Promise((resolve) => setTimeout(resolve, ms))
    : new Promise((resolve) => setImmediate(resolve));
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
