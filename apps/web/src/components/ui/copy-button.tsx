import { useEffect, useState } from 'react';
import { copyText } from '../../lib/clipboard';
import { cn } from '../../lib/cn';
import { buttonClasses } from './button';
import { IconCheck, IconCopy } from './icons';

interface CopyButtonProps {
  text: string;
  /** The accessible name; it stays the same after copying so the button can be found again. */
  label?: string;
  /** Shown next to the icon; omit for an icon-only button (the label still names it). */
  showLabel?: boolean;
  className?: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies `text`; says "Copied" politely (and visibly) for a moment afterwards. */
export function CopyButton({ text, label = 'Copy', showLabel = true, className }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = () => {
    copyText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <span className={cn('inline-flex items-center gap-1.5', className)}>
      <span role="status" className="text-xs text-zinc-400 empty:hidden">
        {state === 'copied' ? 'Copied' : state === 'failed' ? "Couldn't copy" : ''}
      </span>
      <button
        type="button"
        onClick={copy}
        aria-label={showLabel ? undefined : label}
        className={buttonClasses('ghost', 'sm', 'h-7 px-2 text-xs text-zinc-400 hover:text-zinc-100')}
      >
        {state === 'copied' ? (
          <IconCheck className="size-3.5 text-emerald-300" />
        ) : (
          <IconCopy className="size-3.5" />
        )}
        {showLabel && label}
      </button>
    </span>
  );
}
