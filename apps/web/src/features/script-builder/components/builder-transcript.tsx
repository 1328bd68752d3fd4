import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import { IconAlert } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import type { BuilderReplyState } from '../hooks/use-builder-reply';
import type { BuilderMessage } from '../types';
import { UserMessage } from '../../../components/ui/chat-message';
import { BuilderAssistantMessage } from './builder-messages';

interface BuilderTranscriptProps {
  messages: BuilderMessage[];
  reply: BuilderReplyState;
  /** Shown when there are no messages yet: what to ask for. */
  intro: ReactNode;
  /** Fold each reply's script into a card (the page shows the script beside the chat). */
  collapseScripts?: boolean;
}

/** Within this distance of the bottom, new text keeps the view pinned to the latest line. */
const PIN_DISTANCE_PX = 96;

export function BuilderTranscript({
  messages,
  reply,
  intro,
  collapseScripts = false,
}: BuilderTranscriptProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const pinnedRef = useRef(true);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  // Follow the latest line as content grows, unless the engineer scrolled up to read.
  useEffect(() => {
    const element = scrollRef.current;
    const content = listRef.current;
    if (!element || !content || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (pinnedRef.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    observer.observe(content);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const element = scrollRef.current;
    if (reply.pendingUserText !== null) pinnedRef.current = true;
    if (element && pinnedRef.current) element.scrollTop = element.scrollHeight;
  }, [messages.length, reply.pendingUserText]);

  // While the reply streams here, its placeholder (if a refetch brought it) is the live message.
  const shown = reply.isStreaming ? messages.filter((message) => message.status !== 'streaming') : messages;
  const isEmpty = messages.length === 0 && reply.pendingUserText === null && !reply.isStreaming;

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label="Script Builder conversation"
      onScroll={(event) => {
        const element = event.currentTarget;
        pinnedRef.current = element.scrollHeight - element.scrollTop - element.clientHeight < PIN_DISTANCE_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto focus-visible:outline-none"
    >
      {isEmpty ? (
        <div className="flex h-full items-center justify-center p-6">{intro}</div>
      ) : (
        <ol ref={listRef} className="space-y-5 py-4 pr-1">
          {shown.map((message) =>
            message.role === 'user' ? (
              <UserMessage key={message.id} content={message.content} at={message.created_at} />
            ) : (
              <BuilderAssistantMessage
                key={message.id}
                content={message.content}
                at={message.created_at}
                context={message.context}
                collapseScript={collapseScripts}
                footer={
                  message.status === 'failed' ? (
                    <p className="flex items-center gap-2 text-[13px] text-red-200">
                      <IconAlert className="size-4 shrink-0 text-red-300" />
                      {message.error?.detail ?? 'The Script Builder could not finish this reply.'} Send your
                      request again to retry.
                    </p>
                  ) : message.status === 'streaming' ? (
                    <p className="text-xs text-zinc-400">The Script Builder is still writing this reply…</p>
                  ) : undefined
                }
              />
            ),
          )}
          {reply.pendingUserText !== null && <UserMessage content={reply.pendingUserText} isPending />}
          {reply.isStreaming && (
            <BuilderAssistantMessage
              content={reply.text}
              collapseScript={collapseScripts}
              isStreaming={reply.lastTokenAt !== null}
              footer={
                reply.lastTokenAt === null ? (
                  <p className="flex items-center gap-2 text-xs text-zinc-400">
                    <Spinner className="size-3.5 text-sky-400" />
                    Writing the script…
                  </p>
                ) : undefined
              }
            />
          )}
        </ol>
      )}
    </div>
  );
}
