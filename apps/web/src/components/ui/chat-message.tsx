import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { formatDateTime } from '../../lib/format-relative-time';
import { LogoMark } from './logo';

/** Hours and minutes, the way a chat shows when a message was sent. */
export const messageTime = (iso: string) =>
  new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

function MessageMeta({ who, at }: { who: string; at?: string | undefined }) {
  return (
    <p className="mb-1 flex items-baseline gap-2 text-xs">
      <span className="font-medium text-zinc-300">{who}</span>
      {at && (
        <time dateTime={at} title={formatDateTime(at)} className="text-zinc-500">
          {messageTime(at)}
        </time>
      )}
    </p>
  );
}

/** The engineer's own words: shown exactly as typed, never interpreted as markup. */
export function UserMessage({
  content,
  at,
  isPending = false,
  children,
}: {
  content: string;
  at?: string;
  isPending?: boolean;
  /** Shown under the message (e.g. the files that came with it). */
  children?: ReactNode;
}) {
  return (
    <li className="flex justify-end">
      <div className="max-w-[85%] min-w-0">
        <div className="flex justify-end">
          <MessageMeta who="You" at={at} />
        </div>
        <div
          className={cn(
            'rounded-lg rounded-tr-sm bg-sky-950/50 px-3.5 py-2.5 whitespace-pre-wrap break-words text-zinc-100 ring-1 ring-sky-900/60',
            isPending && 'opacity-70',
          )}
        >
          {content}
        </div>
        {children}
        {isPending && <p className="mt-1 text-right text-xs text-zinc-500">Sending…</p>}
      </div>
    </li>
  );
}

export interface AssistantMessageFrameProps {
  /** Who is speaking: "Assistant", "Script Builder". */
  who: string;
  at?: string | undefined;
  /** The live cursor while text is still arriving. */
  isStreaming?: boolean;
  /** Under the text: streaming progress, a failure with Retry, a note. */
  footer?: ReactNode;
  /** The reply's body (rendered markdown). */
  children?: ReactNode;
}

/** An assistant's turn in a chat: logo, name and time, the body, the live cursor, a footer. */
export function AssistantMessageFrame({
  who,
  at,
  isStreaming = false,
  footer,
  children,
}: AssistantMessageFrameProps) {
  return (
    <li className="flex gap-3">
      <LogoMark className="mt-0.5 size-6" />
      <div className="min-w-0 flex-1">
        <MessageMeta who={who} at={at} />
        {children}
        {isStreaming && (
          <span
            aria-hidden="true"
            className="mt-1 inline-block h-4 w-1.5 animate-pulse rounded-sm bg-sky-400 align-middle"
          />
        )}
        {footer && <div className="mt-2">{footer}</div>}
      </div>
    </li>
  );
}
