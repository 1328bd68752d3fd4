import { lazy, Suspense } from 'react';
import { cn } from '../../lib/cn';
import { Spinner } from '../ui/spinner';
import type { CodeEditorProps } from './code-editor-props';

export type { CodeEditorProps } from './code-editor-props';

const loadMonaco = () => import('./monaco-editor');
const MonacoEditor = lazy(loadMonaco);

/** Starts downloading the editor early (e.g. on hover of the button that will show it). */
export const preloadCodeEditor = () => void loadMonaco();

/**
 * A code editor (Monaco) loaded on first use: the editor and its worker are their own chunks,
 * fetched only when a page actually shows an editor. Until then a placeholder of the same size
 * says that it is loading.
 */
export function CodeEditor(props: CodeEditorProps) {
  return (
    <Suspense
      fallback={
        <div
          role="status"
          aria-busy="true"
          className={cn(
            'flex h-full min-h-40 w-full items-center justify-center gap-2 bg-zinc-950 text-[13px] text-zinc-400',
            props.className,
          )}
        >
          <Spinner className="size-4 text-sky-400" />
          Loading editor…
        </div>
      }
    >
      <MonacoEditor {...props} />
    </Suspense>
  );
}
