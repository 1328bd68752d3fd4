import type { ReactNode } from 'react';
import { CodeBlock } from '../../../components/ui/code-block';
import { IconChevronDown, IconCode } from '../../../components/ui/icons';
import { LogoMark } from '../../../components/ui/logo';
import { Markdown } from '../../../components/ui/markdown';
import { cn } from '../../../lib/cn';
import { formatDateTime } from '../../../lib/format-relative-time';
import { splitLastCodeBlock } from '../lib/split-last-code-block';

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

/** The engineer's request, exactly as typed: never interpreted as markup. */
export function BuilderUserMessage({
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

interface BuilderAssistantMessageProps {
  content: string;
  at?: string | undefined;
  isStreaming?: boolean;
  footer?: ReactNode;
  /**
   * Shows the reply's script (its last code block) as a one-line card that expands, because
   * the page shows the script beside the chat already.
   */
  collapseScript?: boolean;
}

const lineCount = (text: string) => text.split('\n').length;

/** The script of a reply, folded: file name and size; opens to the full code with Copy. */
function ScriptCard({ code }: { code: NonNullable<ReturnType<typeof splitLastCodeBlock>['code']> }) {
  const lines = lineCount(code.text);
  return (
    <details className="group rounded-md bg-zinc-900/70 ring-1 ring-zinc-800 open:bg-zinc-950">
      <summary className="flex cursor-pointer list-none items-center gap-2.5 rounded-md px-3 py-2 text-[13px] hover:bg-zinc-900 [&::-webkit-details-marker]:hidden">
        <IconCode className="size-4 shrink-0 text-sky-300" />
        <span className="min-w-0 flex-1 truncate">
          <span className="font-mono text-zinc-100">{code.filename ?? 'Script'}</span>
          <span className="text-zinc-400">
            {' '}
            · {lines} {lines === 1 ? 'line' : 'lines'} · in the preview
          </span>
        </span>
        <IconChevronDown className="size-4 shrink-0 text-zinc-400 transition-transform group-open:rotate-180" />
        <span className="sr-only">Show the code</span>
      </summary>
      <CodeBlock code={code.text} language={code.language} className="rounded-t-none ring-0" />
    </details>
  );
}

/** The builder's reply, markdown rendered safely (code blocks as text with a copy button). */
export function BuilderAssistantMessage({
  content,
  at,
  isStreaming = false,
  footer,
  collapseScript = false,
}: BuilderAssistantMessageProps) {
  const split = collapseScript ? splitLastCodeBlock(content) : null;
  return (
    <li className="flex gap-3">
      <LogoMark className="mt-0.5 size-6" />
      <div className="min-w-0 flex-1">
        <Meta who="Script Builder" at={at} />
        {split?.code ? (
          <div className="space-y-3 leading-relaxed text-zinc-200">
            {split.before && <Markdown source={split.before} />}
            <ScriptCard code={split.code} />
            {split.after && <Markdown source={split.after} />}
          </div>
        ) : (
          content && (
            <div className="leading-relaxed text-zinc-200">
              <Markdown source={content} />
            </div>
          )
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
