import { cn } from '../../lib/cn';
import { CopyButton } from './copy-button';

interface CodeBlockProps {
  code: string;
  /** Shown in the block's header, e.g. `powershell`. */
  language?: string | undefined;
  /** Accessible name of the copy button. */
  copyLabel?: string;
  /** Wrap long lines instead of scrolling sideways (narrow columns, one-line commands). */
  wrap?: boolean;
  className?: string;
}

/** A command or script shown as text (never run), with its language and a copy button. */
export function CodeBlock({
  code,
  language,
  copyLabel = 'Copy code',
  wrap = false,
  className,
}: CodeBlockProps) {
  return (
    <div className={cn('overflow-hidden rounded-md bg-zinc-950 ring-1 ring-zinc-800', className)}>
      <div className="flex h-8 items-center justify-between gap-2 border-b border-zinc-800/80 pr-1 pl-3">
        <span className="font-mono text-[11px] tracking-wide text-zinc-400 uppercase">
          {language || 'text'}
        </span>
        <CopyButton text={code} label={copyLabel} />
      </div>
      <pre
        className={cn(
          'px-3 py-2.5 font-mono text-[12.5px] leading-relaxed text-zinc-200',
          wrap ? 'whitespace-pre-wrap [overflow-wrap:anywhere]' : 'overflow-x-auto',
        )}
      >
        <code>{code}</code>
      </pre>
    </div>
  );
}
