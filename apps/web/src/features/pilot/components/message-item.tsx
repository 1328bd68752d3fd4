import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/button';
import { IconAlert, IconRefresh } from '../../../components/ui/icons';
import { LogoMark } from '../../../components/ui/logo';
import { Markdown } from '../../../components/ui/markdown';
import { cn } from '../../../lib/cn';
import { formatDateTime } from '../../../lib/format-relative-time';
import type { Message } from '../types';

const timeOf = (iso: string) =>
  new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

function Meta({ who, at }: { who: string; at?: string | undefined }) {
  return (
    <p className="mb-1 flex items-baseline gap-2 text-xs">
      <span className="font-medium text-zinc-300">{who}</span>
      {at && (
        <time dateTime={at} title={formatDateTime(at)} className="text-zinc-500">
          {timeOf(at)}
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
}: {
  content: string;
  at?: string;
  isPending?: boolean;
}) {
  return (
    <li className="flex justify-end">
      <div className="max-w-[85%] min-w-0">
        <div className="flex justify-end">
          <Meta who="You" at={at} />
        </div>
        <div
          className={cn(
            'rounded-lg rounded-tr-sm bg-sky-950/50 px-3.5 py-2.5 whitespace-pre-wrap break-words text-zinc-100 ring-1 ring-sky-900/60',
            isPending && 'opacity-70',
          )}
        >
          {content}
        </div>
        {isPending && <p className="mt-1 text-right text-xs text-zinc-500">Sending…</p>}
      </div>
    </li>
  );
}

/**
 * The intake that opened the session, as a card. The server writes it as markdown (ticket
 * details, the description, logs in a fence), so it is rendered like a reply: safely.
 */
export function IntakeMessage({ message }: { message: Message }) {
  return (
    <li>
      <div className="rounded-lg bg-zinc-900/70 px-4 py-3 ring-1 ring-zinc-800">
        <p className="mb-1.5 flex flex-wrap items-baseline gap-x-2 text-xs">
          <span className="font-medium tracking-wide text-zinc-400 uppercase">Intake</span>
          <time
            dateTime={message.created_at}
            title={formatDateTime(message.created_at)}
            className="text-zinc-500"
          >
            {timeOf(message.created_at)}
          </time>
        </p>
        <Markdown source={message.content} className="text-zinc-100" />
      </div>
    </li>
  );
}

interface AssistantMessageProps {
  content: string;
  at?: string | undefined;
  /** The live cursor while text is still arriving. */
  isStreaming?: boolean;
  /** Under the text: streaming progress, a failure with Retry, a note. */
  footer?: ReactNode;
}

export function AssistantMessage({ content, at, isStreaming = false, footer }: AssistantMessageProps) {
  return (
    <li className="flex gap-3">
      <LogoMark className="mt-0.5 size-6" />
      <div className="min-w-0 flex-1">
        <Meta who="Assistant" at={at} />
        {content && (
          <div className="text-zinc-200 leading-relaxed">
            <Markdown source={content} />
          </div>
        )}
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

interface FailedReplyProps {
  message: Message;
  canRetry: boolean;
  isRetrying: boolean;
  onRetry: () => void;
}

export function FailedReply({ message, canRetry, isRetrying, onRetry }: FailedReplyProps) {
  const detail = message.error?.detail ?? 'The assistant could not finish this reply.';
  return (
    <div className="flex flex-wrap items-start gap-3 rounded-md bg-red-950/30 px-3 py-2.5 text-[13px] ring-1 ring-inset ring-red-900/60">
      <IconAlert className="mt-0.5 size-4 shrink-0 text-red-300" />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-red-100">The reply failed</p>
        <p className="text-red-200/90">{detail}</p>
      </div>
      {canRetry && (
        <Button size="sm" onClick={onRetry} isLoading={isRetrying}>
          {!isRetrying && <IconRefresh className="size-3.5" />}
          Retry
        </Button>
      )}
    </div>
  );
}
