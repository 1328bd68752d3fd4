import { Button } from '../../../components/ui/button';
import { IconAlert, IconRefresh } from '../../../components/ui/icons';
import {
  AssistantMessageFrame,
  messageTime,
  type AssistantMessageFrameProps,
} from '../../../components/ui/chat-message';
import { Markdown } from '../../../components/ui/markdown';
import { formatDateTime } from '../../../lib/format-relative-time';
import type { Message } from '../types';

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
            {messageTime(message.created_at)}
          </time>
        </p>
        <Markdown source={message.content} className="text-zinc-100" />
      </div>
    </li>
  );
}

interface AssistantMessageProps extends Omit<AssistantMessageFrameProps, 'who' | 'children'> {
  content: string;
}

export function AssistantMessage({ content, ...frame }: AssistantMessageProps) {
  return (
    <AssistantMessageFrame who="Assistant" {...frame}>
      {content && (
        <div className="text-zinc-200 leading-relaxed">
          <Markdown source={content} />
        </div>
      )}
    </AssistantMessageFrame>
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
