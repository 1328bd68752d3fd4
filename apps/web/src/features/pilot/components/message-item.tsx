import type { ReactNode } from 'react';
import { Button } from '../../../components/ui/button';
import { CodeBlock } from '../../../components/ui/code-block';
import { ContextDisclosure } from '../../../components/ui/context-disclosure';
import { IconAlert, IconRefresh } from '../../../components/ui/icons';
import {
  AssistantMessageFrame,
  messageTime,
  type AssistantMessageFrameProps,
} from '../../../components/ui/chat-message';
import { Markdown } from '../../../components/ui/markdown';
import { formatDateTime } from '../../../lib/format-relative-time';
import type { IntakeContent, Message } from '../types';

/**
 * The intake that opened the session, as a card, shown exactly as the engineer wrote it: the
 * ticket fields, the description with its line breaks and indentation, the logs as a block.
 * It is never read as markdown — a UNC path like `\\FS01\share` would lose a backslash to an
 * escape, and `*` or `_` in a pasted ticket would turn into emphasis.
 */
export function IntakeMessage({
  message,
  intake,
  attachments,
}: {
  message: Message;
  intake?: IntakeContent | undefined;
  /** The screenshots and log files given with the intake. */
  attachments?: ReactNode;
}) {
  const details = intake
    ? [
        { label: 'Ticket', value: intake.ticket_ref },
        { label: 'Client', value: intake.client_name },
        { label: 'Asset', value: intake.asset_name },
      ].filter((detail): detail is { label: string; value: string } => Boolean(detail.value))
    : [];
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
        {details.length > 0 && (
          <dl className="mb-2 flex flex-wrap gap-x-4 gap-y-0.5 text-[13px]">
            {details.map((detail) => (
              <div key={detail.label} className="flex min-w-0 gap-1.5">
                <dt className="font-semibold text-zinc-300">{detail.label}:</dt>
                <dd className="min-w-0 break-words text-zinc-100">{detail.value}</dd>
              </div>
            ))}
          </dl>
        )}
        <p className="whitespace-pre-wrap break-words text-zinc-100">
          {intake ? intake.text : message.content}
        </p>
        {intake?.logs && (
          <div className="mt-3 space-y-1.5">
            <p className="text-xs font-medium text-zinc-400">Logs</p>
            <CodeBlock code={intake.logs} copyLabel="Copy logs" className="max-h-80 overflow-y-auto" />
          </div>
        )}
        {attachments}
      </div>
    </li>
  );
}

interface AssistantMessageProps extends Omit<AssistantMessageFrameProps, 'who' | 'children'> {
  content: string;
  /** What the model was given for this reply; null for replies from before it was recorded. */
  context?: Message['context'] | undefined;
}

export function AssistantMessage({ content, context, ...frame }: AssistantMessageProps) {
  return (
    <AssistantMessageFrame who="Assistant" {...frame}>
      {content && (
        <div className="text-zinc-200 leading-relaxed">
          <Markdown source={content} />
        </div>
      )}
      {context && <ContextDisclosure context={context} />}
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
