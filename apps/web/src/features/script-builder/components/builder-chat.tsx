import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert } from '../../../components/ui/alert';
import { ErrorState } from '../../../components/ui/error-state';
import { Skeleton } from '../../../components/ui/skeleton';
import { describeError, isApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useBuilderMessages } from '../api/list-messages';
import { builderKeys } from '../api/query-keys';
import { useBuilderReply } from '../hooks/use-builder-reply';
import { languageLabels } from '../lib/script-languages';
import type { ScriptLanguage } from '../types';
import { BuilderComposer } from './builder-composer';
import { BuilderTranscript } from './builder-transcript';

interface BuilderChatProps {
  /** Null while the session is still being opened: the composer waits. */
  sessionId: string | null;
  language: ScriptLanguage;
  /** Shown in an empty conversation; defaults to a line about what to ask. */
  intro?: ReactNode;
  /** The page shows the script beside the chat: fold it in the replies. */
  collapseScripts?: boolean;
  /** Between the conversation and the composer, e.g. where the latest script stands. */
  aboveComposer?: ReactNode;
  className?: string;
}

const examples: Record<ScriptLanguage, string> = {
  powershell: 'Restart the print spooler on PC-042 and clear stuck jobs',
  bash: 'Find the 20 largest files under /var and show their sizes',
  python: 'Check whether the TLS certificate of a host expires within 30 days',
};

/**
 * The conversation with the Script Builder (AI mode): transcript, streaming reply and composer.
 * The reply's last code block becomes the session's script, which the preview shows.
 */
export function BuilderChat({
  sessionId,
  language,
  intro,
  collapseScripts = false,
  aboveComposer,
  className,
}: BuilderChatProps) {
  const messages = useBuilderMessages(sessionId);
  const reply = useBuilderReply(sessionId);
  const [draft, setDraft] = useState('');
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const queryClient = useQueryClient();

  // A reply still being written that this page is not streaming (Stop, a reload, another tab):
  // the server finishes it, so re-read until it is done — the script comes with it.
  const hasBackgroundReply =
    !reply.state.isStreaming &&
    (messages.data?.items.some((message) => message.status === 'streaming') ?? false);
  useEffect(() => {
    if (!hasBackgroundReply || !sessionId) return;
    const timer = window.setInterval(() => {
      void queryClient.invalidateQueries({ queryKey: builderKeys.messages(sessionId) });
      void queryClient.invalidateQueries({ queryKey: builderKeys.session(sessionId) });
    }, 2500);
    return () => window.clearInterval(timer);
  }, [hasBackgroundReply, queryClient, sessionId]);

  const send = async () => {
    const content = draft.trim();
    if (!content) return;
    setDraft('');
    textareaRef.current?.focus();
    const accepted = await reply.send(content);
    // Nothing reached the server: give the engineer their words back.
    if (!accepted) setDraft((current) => current || content);
  };

  const defaultIntro = (
    <div className="max-w-sm text-center">
      <p className="text-[15px] font-medium text-zinc-100">Describe the script you need</p>
      <p className="mt-1.5 text-[13px] leading-relaxed text-zinc-400">
        Say what it should do, on which machine, and anything to avoid. The {languageLabels[language]} script
        appears in the preview; ask for changes until it is right.
      </p>
      <p className="mt-3 text-[13px] text-zinc-500">
        For example: <span className="text-zinc-300">“{examples[language]}”</span>
      </p>
    </div>
  );

  return (
    <div className={cn('flex min-h-0 flex-col gap-3', className)}>
      {messages.isError ? (
        <ErrorState
          title="Couldn't load the conversation"
          error={messages.error}
          onRetry={() => void messages.refetch()}
          isRetrying={messages.isFetching}
          className="shrink-0"
        />
      ) : sessionId === null || messages.isPending ? (
        <div aria-busy="true" aria-label="Loading conversation" className="min-h-0 flex-1 space-y-3 py-4">
          <Skeleton className="ml-auto h-10 w-1/2" />
          <Skeleton className="h-20 w-5/6" />
        </div>
      ) : (
        <BuilderTranscript
          messages={messages.data.items}
          reply={reply.state}
          intro={intro ?? defaultIntro}
          collapseScripts={collapseScripts}
        />
      )}
      {reply.state.error !== null && (
        <Alert tone="error" title="Your message was not sent" className="shrink-0">
          <p>
            {(isApiError(reply.state.error) && reply.state.error.fieldError('content')) ||
              describeError(reply.state.error).detail}
          </p>
          <button
            type="button"
            onClick={reply.dismissError}
            className="mt-1 text-xs font-medium text-red-100 underline underline-offset-2"
          >
            Dismiss
          </button>
        </Alert>
      )}
      {aboveComposer}
      <div className="shrink-0">
        <BuilderComposer
          value={draft}
          onChange={setDraft}
          onSend={() => void send()}
          onStop={reply.stop}
          isStreaming={reply.state.isStreaming}
          blockedReason={sessionId === null ? 'Opening the Script Builder…' : undefined}
          placeholder="Describe the script, or ask for a change to it…"
          textareaRef={textareaRef}
        />
      </div>
      <p aria-live="polite" className="sr-only">
        {reply.state.announcement}
      </p>
    </div>
  );
}
