import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { isAbort } from '../../../lib/sse-client';
import { getSession } from '../api/get-session';
import { postMessageStream, type StreamHandlers } from '../api/post-message';
import { pilotKeys } from '../api/query-keys';
import { resumeStream } from '../api/resume-stream';
import { retryMessageStream } from '../api/retry-message';
import type { SessionDetail, StreamEvent } from '../types';
import { applyStreamEvent } from './apply-stream-event';

/**
 * - `idle`: nothing is being watched.
 * - `streaming`: a reply is being watched live (`messageId` is null until `start` arrives).
 * - `detached`: the user stopped watching; the reply goes on on the server and the session is
 *   re-read until it has finished.
 */
export type ReplyPhase = 'idle' | 'streaming' | 'detached';

export interface ReplyStreamState {
  phase: ReplyPhase;
  /** The engineer's message as typed, shown until the server echoes it (`user_message`). */
  pendingUserText: string | null;
  /** The assistant message being generated. */
  messageId: string | null;
  /** The reply's prose so far. */
  text: string;
  /** When this wait began (ms), for "Thinking… 4 s". */
  startedAt: number;
  /** When the last piece of text arrived (ms), to tell slow from stuck. */
  lastTokenAt: number | null;
  /** A request that failed before any reply existed (e.g. network down, 409, 422). */
  error: unknown;
  /** One line for the polite live region: the reply finished, failed or was stopped. */
  announcement: string;
}

const initialState: ReplyStreamState = {
  phase: 'idle',
  pendingUserText: null,
  messageId: null,
  text: '',
  startedAt: 0,
  lastTokenAt: null,
  error: null,
  announcement: '',
};

const DETACHED_POLL_MS = 3000;

type Runner = (handlers: StreamHandlers) => Promise<void>;

/**
 * Sends messages, retries failed replies and resumes replies in progress, streaming each one
 * into local state (the text) and the query cache (task lane, fix, confidence); on the end of
 * a reply the session, transcript and facts are refetched from the server.
 */
export function useReplyStream(sessionId: string) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ReplyStreamState>(initialState);
  const controllerRef = useRef<AbortController | null>(null);

  // Leaving the page stops watching (the server carries on). Resetting the state matters for
  // StrictMode's rehearsal unmount, so that the remounted page resumes instead of waiting forever.
  useEffect(
    () => () => {
      controllerRef.current?.abort();
      controllerRef.current = null;
      setState(initialState);
    },
    [],
  );

  const refresh = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: pilotKeys.session(sessionId) }),
        queryClient.invalidateQueries({ queryKey: pilotKeys.lists() }),
      ]),
    [queryClient, sessionId],
  );

  const markNothingGenerating = useCallback(
    () =>
      queryClient.setQueryData<SessionDetail>(pilotKeys.session(sessionId), (session) =>
        session ? { ...session, streaming_message_id: null } : session,
      ),
    [queryClient, sessionId],
  );

  const run = useCallback(
    /** Resolves true once the server has accepted the turn (it answered with a stream). */
    async (runner: Runner, initial: Partial<ReplyStreamState>): Promise<boolean> => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setState({ ...initialState, phase: 'streaming', startedAt: Date.now(), ...initial });
      let finished = false;
      let accepted = false;

      const onEvent = (event: StreamEvent) => {
        if (controller.signal.aborted) return;
        accepted = true;
        applyStreamEvent(queryClient, sessionId, event);
        switch (event.event) {
          case 'user_message':
            setState((current) => ({ ...current, pendingUserText: null }));
            break;
          case 'start':
            setState((current) => ({
              ...current,
              messageId: event.data.assistant_message_id,
              text: current.messageId === event.data.assistant_message_id ? current.text : '',
            }));
            break;
          case 'delta':
            setState((current) => ({
              ...current,
              text: current.text + event.data.text,
              lastTokenAt: Date.now(),
            }));
            break;
          case 'done':
            finished = true;
            setState({ ...initialState, announcement: 'The assistant replied.' });
            break;
          case 'error':
            finished = true;
            markNothingGenerating();
            setState({
              ...initialState,
              announcement: `The assistant's reply failed: ${event.data.detail}`,
            });
            break;
          default:
            break;
        }
      };

      try {
        await runner({ signal: controller.signal, onEvent });
        if (!finished && !controller.signal.aborted) {
          // The stream closed without an outcome (e.g. nothing was generating any more).
          markNothingGenerating();
          setState(initialState);
        }
      } catch (error) {
        if (controller.signal.aborted || isAbort(error)) return accepted;
        setState({
          ...initialState,
          error,
          announcement: `Couldn't get the reply: ${describeError(error).detail}`,
        });
        // A 409 means a reply is already running: the refetch below shows it in the session's
        // streaming_message_id, and the page resumes it.
      } finally {
        if (controllerRef.current === controller) controllerRef.current = null;
        if (!controller.signal.aborted) await refresh();
      }
      return accepted;
    },
    [queryClient, sessionId, refresh, markNothingGenerating],
  );

  const send = useCallback(
    (content: string, attachmentIds: readonly string[] = []) =>
      run((handlers) => postMessageStream(sessionId, content, handlers, attachmentIds), {
        pendingUserText: content,
      }),
    [run, sessionId],
  );

  const retry = useCallback(
    (messageId: string) =>
      run((handlers) => retryMessageStream(sessionId, messageId, handlers), { messageId }),
    [run, sessionId],
  );

  const resume = useCallback(
    (messageId: string | null) => run((handlers) => resumeStream(sessionId, handlers), { messageId }),
    [run, sessionId],
  );

  /**
   * Stops watching: the server keeps generating and saves the reply. The session is re-read
   * every few seconds until nothing is generating, then the transcript is refetched.
   */
  const stop = useCallback(() => {
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setState((current) => ({
      ...initialState,
      phase: 'detached',
      messageId: current.messageId,
      text: current.text,
      startedAt: current.startedAt,
      announcement: 'Stopped watching the reply.',
    }));

    const poll = async () => {
      while (!controller.signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, DETACHED_POLL_MS));
        if (controller.signal.aborted) return;
        try {
          const session = await getSession(sessionId, { signal: controller.signal });
          if (controller.signal.aborted) return;
          if (!session.streaming_message_id) {
            queryClient.setQueryData(pilotKeys.session(sessionId), session);
            await refresh();
            if (controllerRef.current === controller) controllerRef.current = null;
            setState({ ...initialState, announcement: 'The assistant replied.' });
            return;
          }
        } catch (error) {
          if (isAbort(error)) return;
          // A failed poll is retried on the next tick.
        }
      }
    };
    void poll();
  }, [queryClient, refresh, sessionId]);

  const dismissError = useCallback(() => setState((current) => ({ ...current, error: null })), []);

  return { state, send, retry, resume, stop, dismissError };
}
