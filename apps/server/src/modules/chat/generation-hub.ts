import type { TStreamEvent } from '@flowpilot/contracts/messages';
import type { GenerationRelay } from './generation-relay.ts';

interface LiveGeneration {
  sessionId: string;
  messageId: string;
  /** Prose streamed so far: what a late subscriber is shown before live events. */
  prose: string;
  listeners: Set<(event: TStreamEvent) => void>;
  finished: Promise<void>;
  controller: AbortController;
}

/**
 * Live generations of this process, so a reply keeps running when its browser leaves
 * and a reopened page can pick the stream up again. With a relay (Redis), every event is
 * also published for followers in other processes; without one they fall back to the
 * persisted text (see follow-reply.ts and docs/ARCHITECTURE.md).
 */
export class GenerationHub {
  private readonly live = new Map<string, LiveGeneration>();

  constructor(
    /** Carries events to other processes; `undefined` when there is only this one. */
    readonly relay?: GenerationRelay,
  ) {}

  start(
    sessionId: string,
    messageId: string,
    run: (emit: (event: TStreamEvent) => void, signal: AbortSignal) => Promise<void>,
  ) {
    const controller = new AbortController();
    const generation: LiveGeneration = {
      sessionId,
      messageId,
      prose: '',
      listeners: new Set(),
      finished: Promise.resolve(),
      controller,
    };
    const relay = this.relay;
    const emit = (event: TStreamEvent) => {
      const offset = generation.prose.length;
      if (event.event === 'delta') generation.prose += event.data.text;
      for (const listener of generation.listeners) listener(event);
      relay?.publish(sessionId, { messageId, offset, event });
    };
    this.live.set(sessionId, generation);
    generation.finished = run(emit, controller.signal).finally(() => {
      if (this.live.get(sessionId) === generation) this.live.delete(sessionId);
    });
    return generation.finished;
  }

  get(sessionId: string) {
    return this.live.get(sessionId);
  }

  /**
   * Follows a session's live generation: first the prose so far, then every event
   * until `done` or `error`. Returns null when nothing is generating.
   */
  subscribe(sessionId: string, onEvent: (event: TStreamEvent) => void) {
    const generation = this.live.get(sessionId);
    if (!generation) return null;
    onEvent({ event: 'start', data: { assistant_message_id: generation.messageId } });
    if (generation.prose) onEvent({ event: 'delta', data: { text: generation.prose } });
    generation.listeners.add(onEvent);
    return {
      finished: generation.finished,
      unsubscribe: () => generation.listeners.delete(onEvent),
    };
  }

  /** Lets running replies finish for up to `graceMs`, then aborts the rest (they are marked failed, retryable). */
  async drain(graceMs: number) {
    const running = [...this.live.values()];
    if (running.length === 0) return;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.allSettled(running.map((g) => g.finished)), timeout]);
    for (const generation of this.live.values())
      generation.controller.abort(new Error('server shutting down'));
    await Promise.allSettled(running.map((g) => g.finished));
  }

  get size() {
    return this.live.size;
  }
}
