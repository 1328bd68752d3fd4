import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../../../lib/api-client';
import { isAbort } from '../../../lib/sse-client';
import { postBuilderMessageStream } from '../api/post-message';
import { builderKeys } from '../api/query-keys';
import type { BuilderMessage, BuilderMessageList, BuilderSession, BuilderStreamEvent } from '../types';

export interface BuilderReplyState {
  isStreaming: boolean;
  /** The engineer's request as typed, shown until the server echoes it. */
  pendingUserText: string | null;
  /** The builder's reply so far. */
  text: string;
  startedAt: number;
  lastTokenAt: number | null;
  /** A request that failed before any reply existed (network, 409, 422). */
  error: unknown;
  /** One line for the polite live region. */
  announcement: string;
}

const initialState: BuilderReplyState = {
  isStreaming: false,
  pendingUserText: null,
  text: '',
  startedAt: 0,
  lastTokenAt: null,
  error: null,
  announcement: '',
};

const appendMessage = (list: BuilderMessageList | undefined, message: BuilderMessage) =>
  list && !list.items.some((item) => item.id === message.id)
    ? { ...list, items: [...list.items, message] }
    : list;

/**
 * Sends a request to the builder and streams its reply into local state; the transcript and
 * the session (its `latest_script`) in the query cache follow the stream's events, so the
 * preview updates the moment the script is known.
 */
export function useBuilderReply(sessionId: string | null) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<BuilderReplyState>(initialState);
  const controllerRef = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      controllerRef.current?.abort();
      controllerRef.current = null;
      setState(initialState);
    },
    [],
  );

  const apply = useCallback(
    (id: string, event: BuilderStreamEvent) => {
      switch (event.event) {
        case 'user_message':
          queryClient.setQueryData<BuilderMessageList>(builderKeys.messages(id), (list) =>
            appendMessage(list, event.data),
          );
          setState((current) => ({ ...current, pendingUserText: null }));
          break;
        case 'start':
          setState((current) => ({ ...current, text: '' }));
          break;
        case 'delta':
          setState((current) => ({
            ...current,
            text: current.text + event.data.text,
            lastTokenAt: Date.now(),
          }));
          break;
        case 'script':
          queryClient.setQueryData<BuilderSession>(builderKeys.session(id), (session) =>
            session ? { ...session, ...event.data } : session,
          );
          break;
        case 'done':
          queryClient.setQueryData<BuilderMessageList>(builderKeys.messages(id), (list) =>
            appendMessage(list, event.data.assistant_message),
          );
          queryClient.setQueryData(builderKeys.session(id), event.data.session);
          setState({ ...initialState, announcement: 'The Script Builder replied.' });
          break;
        case 'error':
          setState({
            ...initialState,
            announcement: `The Script Builder's reply failed: ${event.data.detail}`,
          });
          break;
      }
    },
    [queryClient],
  );

  /** Resolves true once the server accepted the request (it answered with a stream). */
  const send = useCallback(
    async (content: string): Promise<boolean> => {
      if (!sessionId) return false;
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;
      setState({ ...initialState, isStreaming: true, pendingUserText: content, startedAt: Date.now() });
      let accepted = false;
      try {
        await postBuilderMessageStream(sessionId, content, {
          signal: controller.signal,
          onEvent: (event) => {
            if (controller.signal.aborted) return;
            accepted = true;
            apply(sessionId, event);
          },
        });
        if (!controller.signal.aborted) setState((current) => (current.isStreaming ? initialState : current));
      } catch (error) {
        if (controller.signal.aborted || isAbort(error)) return accepted;
        setState({
          ...initialState,
          error,
          announcement: `Couldn't get the reply: ${describeError(error).detail}`,
        });
      } finally {
        if (controllerRef.current === controller) controllerRef.current = null;
        if (!controller.signal.aborted) {
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: builderKeys.messages(sessionId) }),
            queryClient.invalidateQueries({ queryKey: builderKeys.session(sessionId) }),
          ]);
        }
      }
      return accepted;
    },
    [apply, queryClient, sessionId],
  );

  /**
   * Stops watching; the server finishes and saves the reply. The transcript is re-read now
   * (showing the reply as still being written) and followed until it is done.
   */
  const stop = useCallback(() => {
    controllerRef.current?.abort();
    controllerRef.current = null;
    setState({ ...initialState, announcement: 'Stopped watching the reply.' });
    if (sessionId) void queryClient.invalidateQueries({ queryKey: builderKeys.messages(sessionId) });
  }, [queryClient, sessionId]);

  const dismissError = useCallback(() => setState((current) => ({ ...current, error: null })), []);

  return { state, send, stop, dismissError };
}
