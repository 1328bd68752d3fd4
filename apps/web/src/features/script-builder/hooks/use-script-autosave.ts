import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { builderKeys } from '../api/query-keys';
import { updateBuilderSession } from '../api/update-session';

export type AutosaveStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

const SAVE_AFTER_MS = 800;

/**
 * Saves the engineer's edits to the session's `latest_script`, once typing pauses. A change
 * waiting to be saved is written out on `flush` and when the component goes away, so nothing
 * typed is lost by leaving the page.
 */
export function useScriptAutosave(sessionId: string) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AutosaveStatus>('idle');
  const [error, setError] = useState<unknown>(null);
  const pendingRef = useRef<string | null>(null);
  const timerRef = useRef<number | null>(null);
  /** The last text the server holds, so an incoming update can be told from our own echo. */
  const savedRef = useRef<string | null>(null);

  const write = useCallback(async () => {
    if (timerRef.current !== null) window.clearTimeout(timerRef.current);
    timerRef.current = null;
    const text = pendingRef.current;
    if (text === null) return;
    pendingRef.current = null;
    setStatus('saving');
    try {
      const session = await updateBuilderSession(sessionId, { latest_script: text });
      savedRef.current = text;
      queryClient.setQueryData(builderKeys.session(sessionId), session);
      setError(null);
      setStatus(pendingRef.current === null ? 'saved' : 'pending');
    } catch (caught) {
      // Keep the text so the next edit (or flush) tries again.
      pendingRef.current ??= text;
      setError(caught);
      setStatus('failed');
    }
  }, [queryClient, sessionId]);

  const save = useCallback(
    (text: string) => {
      pendingRef.current = text;
      setStatus('pending');
      if (timerRef.current !== null) window.clearTimeout(timerRef.current);
      timerRef.current = window.setTimeout(() => void write(), SAVE_AFTER_MS);
    },
    [write],
  );

  useEffect(
    () => () => {
      if (pendingRef.current !== null) void write();
    },
    [write],
  );

  return { save, flush: write, status, error, savedRef };
}
