import { useEffect, useRef, useState } from 'react';
import { CodeEditor, preloadCodeEditor } from '../../../components/editor/code-editor';
import { Button } from '../../../components/ui/button';
import { CopyButton } from '../../../components/ui/copy-button';
import { IconCode } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { describeError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useScriptAutosave, type AutosaveStatus } from '../hooks/use-script-autosave';
import { downloadText } from '../lib/download-text';
import { fallbackFilename, languageLabels } from '../lib/script-languages';
import type { BuilderSession } from '../types';
import { suggestTemplateName } from '../lib/template-name';
import { TemplateFormDialog } from '../../templates/components/template-form-dialog';

interface ScriptPreviewProps {
  session: BuilderSession;
  className?: string;
}

const statusText: Record<AutosaveStatus, string> = {
  idle: '',
  pending: 'Unsaved changes…',
  saving: 'Saving…',
  saved: 'Saved',
  failed: "Couldn't save",
};

/**
 * The session's latest script: read-only until the engineer chooses Edit (then every pause in
 * typing is saved), with Copy, Download under the builder's file name and Save to library.
 */
export function ScriptPreview({ session, className }: ScriptPreviewProps) {
  const serverScript = session.latest_script ?? '';
  const [isEditing, setIsEditing] = useState(false);
  const [buffer, setBuffer] = useState(serverScript);
  const [isSaveOpen, setIsSaveOpen] = useState(false);
  const autosave = useScriptAutosave(session.id);
  const { savedRef } = autosave;
  const lastServerRef = useRef(serverScript);

  // A new script from the assistant replaces the buffer, also mid-edit: it answers the
  // engineer's latest request. Our own saves come back equal and change nothing.
  useEffect(() => {
    if (serverScript === lastServerRef.current) return;
    lastServerRef.current = serverScript;
    if (serverScript !== savedRef.current) setBuffer(serverScript);
  }, [serverScript, savedRef]);

  const script = buffer;
  const hasScript = script.trim().length > 0;
  const filename = session.latest_script_filename || fallbackFilename(session.title, session.language);

  const onEdit = (text: string) => {
    setBuffer(text);
    autosave.save(text);
  };
  const finishEditing = () => {
    setIsEditing(false);
    void autosave.flush();
  };

  return (
    <section
      aria-label="Script preview"
      className={cn(
        'flex min-h-0 flex-col overflow-hidden rounded-lg bg-zinc-950 ring-1 ring-zinc-800',
        className,
      )}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-800 bg-zinc-900/60 px-3 py-2">
        <div className="min-w-0 flex-1">
          <p className="truncate font-mono text-[13px] text-zinc-100" title={filename}>
            {filename}
          </p>
          <p className="flex items-center gap-1.5 text-xs text-zinc-400">
            <span>{languageLabels[session.language]}</span>
            <span aria-hidden="true">·</span>
            <span>{isEditing ? 'Editing' : 'Read-only'}</span>
            {autosave.status !== 'idle' && (
              <>
                <span aria-hidden="true">·</span>
                <span
                  role="status"
                  className={cn(
                    'inline-flex items-center gap-1',
                    autosave.status === 'failed' && 'text-red-300',
                  )}
                >
                  {autosave.status === 'saving' && <Spinner className="size-3" />}
                  {statusText[autosave.status]}
                </span>
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          {isEditing ? (
            <Button size="sm" variant="primary" onClick={finishEditing}>
              Done
            </Button>
          ) : (
            <Button size="sm" onClick={() => setIsEditing(true)} onPointerEnter={preloadCodeEditor}>
              Edit
            </Button>
          )}
          {hasScript ? (
            <CopyButton text={script} label="Copy" />
          ) : (
            <Button size="sm" variant="ghost" disabled>
              Copy
            </Button>
          )}
          <Button
            size="sm"
            variant="ghost"
            disabled={!hasScript}
            onClick={() => downloadText(filename, script)}
          >
            Download
          </Button>
          <Button size="sm" variant="secondary" disabled={!hasScript} onClick={() => setIsSaveOpen(true)}>
            Save to library
          </Button>
        </div>
      </div>
      {autosave.status === 'failed' && (
        <p
          role="alert"
          className="border-b border-red-900/60 bg-red-950/30 px-3 py-1.5 text-[13px] text-red-200"
        >
          Your edit was not saved: {describeError(autosave.error).detail} It is kept here and saved with your
          next change.
        </p>
      )}
      <div className="relative min-h-0 flex-1">
        {hasScript || isEditing ? (
          <CodeEditor
            value={script}
            onChange={onEdit}
            language={session.language}
            readOnly={!isEditing}
            label={isEditing ? 'Script editor' : 'Script'}
            className="absolute inset-0 min-h-0"
          />
        ) : (
          <div className="flex h-full flex-col items-center justify-center gap-3 px-6 py-10 text-center">
            <div className="grid size-10 place-items-center rounded-lg bg-zinc-900 text-zinc-400 ring-1 ring-zinc-800">
              <IconCode className="size-5" />
            </div>
            <p className="text-[15px] font-medium text-zinc-100">No script yet</p>
            <p className="max-w-xs text-[13px] leading-relaxed text-zinc-400">
              The script appears here as soon as the Script Builder writes one. You can also choose{' '}
              <span className="font-medium text-zinc-200">Edit</span> and write it yourself.
            </p>
          </div>
        )}
      </div>
      {isSaveOpen && (
        <TemplateFormDialog
          mode="create"
          script={script}
          language={session.language}
          defaultName={suggestTemplateName({
            script,
            // The fallback file name is made from the title: pass only a name the script was given.
            filename: session.latest_script_filename,
            title: session.title,
          })}
          onClose={() => setIsSaveOpen(false)}
        />
      )}
    </section>
  );
}
