import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { TAttachment } from '@flowpilot/contracts/attachments';
import { Button } from '../../../components/ui/button';
import type { ReplyStreamState } from '../hooks/use-reply-stream';
import type { IntakeContent, Message } from '../types';
import { UserMessage } from '../../../components/ui/chat-message';
import { AssistantMessage, FailedReply, IntakeMessage } from './message-item';
import { StreamingStatus } from './streaming-status';

interface TranscriptProps {
  messages: Message[];
  reply: ReplyStreamState;
  canWrite: boolean;
  onRetry: (messageId: string) => void;
  onKeepWatching: () => void;
  /** The intake as entered (the session's fields), so its card shows exactly what was typed. */
  intake?: IntakeContent | undefined;
  /**
   * What ends the transcript of a closed session (the note as posted). A reopened closed
   * session starts with its beginning in view rather than at the bottom.
   */
  epilogue?: ReactNode;
  /** Shows a message's screenshots and log files under it (composed in by the route). */
  renderAttachments?: ((items: readonly TAttachment[]) => ReactNode) | undefined;
}

/** Within this distance of the bottom, new text keeps the view pinned to the latest line. */
const PIN_DISTANCE_PX = 96;

export function Transcript({
  messages,
  reply,
  canWrite,
  onRetry,
  onKeepWatching,
  intake,
  epilogue,
  renderAttachments,
}: TranscriptProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const epilogueRef = useRef<HTMLLIElement>(null);
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

  // A closed session (opened, or just closed here) shows the start of what was posted, and
  // stays there: nothing more arrives to follow.
  const hasEpilogue = Boolean(epilogue);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const start = epilogueRef.current;
    if (!hasEpilogue || !element || !start) return;
    element.scrollTop = start.offsetTop - 8;
    pinnedRef.current = false;
  }, [hasEpilogue]);

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
      const files =
        renderAttachments && message.attachments.length > 0
          ? renderAttachments(message.attachments)
          : undefined;
      return message.kind === 'intake' ? (
        <IntakeMessage key={message.id} message={message} intake={intake} attachments={files} />
      ) : (
        <UserMessage key={message.id} content={message.content} at={message.created_at}>
          {files}
        </UserMessage>
      );
    }
    if (message.kind === 'handoff') {
      // Issue 17: who picked the escalated session up, between the two engineers' turns.
      return (
        <li key={message.id} className="text-center text-xs font-medium text-emerald-300">
          {message.content}
        </li>
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
    return (
      <AssistantMessage
        key={message.id}
        content={message.content}
        at={message.created_at}
        context={message.context}
      />
    );
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
      className="relative min-h-0 flex-1 overflow-y-auto focus-visible:outline-none"
    >
      <ol ref={listRef} className="space-y-5 py-4 pr-1">
        {rendered}
        {reply.pendingUserText !== null && <UserMessage content={reply.pendingUserText} isPending />}
        {(isLive || isDetached) && !followedIsListed && followed('live-reply')}
        {epilogue && <li ref={epilogueRef}>{epilogue}</li>}
      </ol>
    </div>
  );
}
