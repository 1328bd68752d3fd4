import type { TStreamEvent } from '@flowpilot/contracts/messages';

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
 * and a reopened page can pick the stream up again. (With several processes a reader
 * elsewhere falls back to the persisted text; see docs/ARCHITECTURE.md.)
 */
export class GenerationHub {
  private readonly live = new Map<string, LiveGeneration>();

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
    const emit = (event: TStreamEvent) => {
      if (event.event === 'delta') generation.prose += event.data.text;
      for (const listener of generation.listeners) listener(event);
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
