import { useEffect, useLayoutEffect, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import type { ReplyStreamState } from '../hooks/use-reply-stream';
import type { Message } from '../types';
import { UserMessage } from '../../../components/ui/chat-message';
import { AssistantMessage, FailedReply, IntakeMessage } from './message-item';
import { StreamingStatus } from './streaming-status';

interface TranscriptProps {
  messages: Message[];
  reply: ReplyStreamState;
  canWrite: boolean;
  onRetry: (messageId: string) => void;
  onKeepWatching: () => void;
}

/** Within this distance of the bottom, new text keeps the view pinned to the latest line. */
const PIN_DISTANCE_PX = 96;

export function Transcript({ messages, reply, canWrite, onRetry, onKeepWatching }: TranscriptProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const pinnedRef = useRef(true);
  const isLive = reply.phase === 'streaming';
  const isDetached = reply.phase === 'detached';
  const followedId = reply.phase === 'idle' ? null : reply.messageId;
  const lastMessage = messages.at(-1);

  // Opening a session shows its latest messages.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, []);

  // Follow the latest line whenever the content grows (streamed text, a refetched reply) or the
  // view shrinks (the fix banner appears), unless the engineer has scrolled up to read.
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

  // Sending a message brings the view down to it, wherever the engineer had scrolled.
  useEffect(() => {
    const element = scrollRef.current;
    if (reply.pendingUserText !== null) pinnedRef.current = true;
    if (element && pinnedRef.current) element.scrollTop = element.scrollHeight;
  }, [messages.length, reply.pendingUserText, reply.phase]);

  const detachedNote = (
    <div className="flex flex-wrap items-center gap-3 rounded-md bg-zinc-900 px-3 py-2 text-[13px] text-zinc-300 ring-1 ring-zinc-800">
      <p className="min-w-0 flex-1">
        Stopped watching — the reply continues in the background and will appear when done.
      </p>
      <Button size="sm" variant="ghost" onClick={onKeepWatching}>
        Keep watching
      </Button>
    </div>
  );

  const followed = (key: string) =>
    isLive ? (
      <AssistantMessage
        key={key}
        content={reply.text}
        isStreaming={reply.lastTokenAt !== null}
        footer={<StreamingStatus startedAt={reply.startedAt} lastTokenAt={reply.lastTokenAt} />}
      />
    ) : (
      <AssistantMessage key={key} content={reply.text} footer={detachedNote} />
    );

  const rendered = messages.map((message) => {
    if (message.role === 'user') {
      return message.kind === 'intake' ? (
        <IntakeMessage key={message.id} message={message} />
      ) : (
        <UserMessage key={message.id} content={message.content} at={message.created_at} />
      );
    }
    if (followedId === message.id) return followed(message.id);
    if (message.status === 'failed') {
      const canRetry =
        canWrite &&
        message.id === lastMessage?.id &&
        message.error?.retryable !== false &&
        reply.phase === 'idle';
      return (
        <AssistantMessage
          key={message.id}
          content={message.content}
          at={message.created_at}
          footer={
            <FailedReply
              message={message}
              canRetry={canRetry}
              isRetrying={false}
              onRetry={() => onRetry(message.id)}
            />
          }
        />
      );
    }
    if (message.status === 'streaming') {
      return (
        <AssistantMessage
          key={message.id}
          content={message.content}
          footer={<p className="text-xs text-zinc-400">The assistant is still writing this reply…</p>}
        />
      );
    }
    return <AssistantMessage key={message.id} content={message.content} at={message.created_at} />;
  });

  const followedIsListed = followedId !== null && messages.some((message) => message.id === followedId);

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      aria-label="Conversation"
      role="region"
      onScroll={(event) => {
        const element = event.currentTarget;
        pinnedRef.current = element.scrollHeight - element.scrollTop - element.clientHeight < PIN_DISTANCE_PX;
      }}
      className="min-h-0 flex-1 overflow-y-auto focus-visible:outline-none"
    >
      <ol ref={listRef} className="space-y-5 py-4 pr-1">
        {rendered}
        {reply.pendingUserText !== null && <UserMessage content={reply.pendingUserText} isPending />}
        {(isLive || isDetached) && !followedIsListed && followed('live-reply')}
      </ol>
    </div>
  );
}
