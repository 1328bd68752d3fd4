import { CodeBlock } from '../../../components/ui/code-block';
import { ContextDisclosure, type ContextSummary } from '../../../components/ui/context-disclosure';
import { IconChevronDown, IconCode } from '../../../components/ui/icons';
import { AssistantMessageFrame, type AssistantMessageFrameProps } from '../../../components/ui/chat-message';
import { Markdown } from '../../../components/ui/markdown';
import { splitLastCodeBlock } from '../lib/split-last-code-block';

interface BuilderAssistantMessageProps extends Omit<AssistantMessageFrameProps, 'who' | 'children'> {
  content: string;
  /**
   * Shows the reply's script (its last code block) as a one-line card that expands, because
   * the page shows the script beside the chat already.
   */
  collapseScript?: boolean;
  /** What the model was given (inline-tab replies); null for standalone ones. */
  context?: ContextSummary | null | undefined;
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
  collapseScript = false,
  context,
  ...frame
}: BuilderAssistantMessageProps) {
  const split = collapseScript ? splitLastCodeBlock(content) : null;
  return (
    <AssistantMessageFrame who="Script Builder" {...frame}>
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
      {context && <ContextDisclosure context={context} />}
    </AssistantMessageFrame>
  );
}
