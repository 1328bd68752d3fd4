/**
 * ScriptBuilderTab — the inline Script Builder in the pilot page's chat column, for a fix that
 * has neither a library template nor a drafted script.
 *
 * How the pilot page mounts it: inside the Script Builder tab panel from `useScriptBuilderTab`
 * (see chat-tab-strip.tsx), which also builds these props:
 *
 *   <div {...builder.builderPanelProps}>
 *     <ScriptBuilderTab key={fix.id} {...builder.tabProps} />
 *   </div>
 *
 * Keep it mounted while the strip shows (the panel is hidden, not unmounted) so its
 * conversation and editor buffer survive switching to Chat. It owns:
 *  - the inline builder session: get-or-create (`origin: 'pilot_inline'`, `ai_session_id`) the
 *    first time the tab is shown;
 *  - AI mode (the builder chat) and `Write it myself` (Monaco, scaffolded with the fix as a
 *    comment), toggled by `Write it myself` / `Back to AI`;
 *  - `Submit script` → PATCH …/suggested-fixes/{fid}/script (a draft, not a run: no
 *    applied_at), then `onSubmitted`; the page then shows Chat and the fix's drafted script.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { CodeEditor, preloadCodeEditor } from '../../../components/editor/code-editor';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/error-state';
import { IconCode, IconMessages } from '../../../components/ui/icons';
import { describeError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { createBuilderSession } from '../api/create-session';
import { getBuilderSessionQueryOptions } from '../api/get-session';
import { useBuilderMessages } from '../api/list-messages';
import { builderKeys } from '../api/query-keys';
import { useSubmitFixScript } from '../api/submit-fix-script';
import { useScriptAutosave } from '../hooks/use-script-autosave';
import { hasOwnWork, scaffoldScript } from '../lib/scaffold-script';
import { fallbackFilename, languageLabels, scriptLanguages } from '../lib/script-languages';
import type { BuilderSession, FixActionResponse, ScriptLanguage } from '../types';
import { BuilderChat } from './builder-chat';

export interface ScriptBuilderTabProps {
  /** The pilot session (`ai_sessions.id`) the fix belongs to. */
  aiSessionId: string;
  fix: {
    id: string;
    title: string;
    description: string;
    script_language: ScriptLanguage | null;
  };
  /** The tab is currently shown. The inline session is created the first time this is true. */
  isActive: boolean;
  /** Whether the builder holds unsubmitted work (conversation, script or own edits): the strip's dot. */
  onProgressChange?: (hasProgress: boolean) => void;
  /** The fix now has the script (`{fix, state_version}`); the page shows Chat again. */
  onSubmitted: (result: FixActionResponse) => void;
}

type Mode = 'ai' | 'editor';

export function ScriptBuilderTab({
  aiSessionId,
  fix,
  isActive,
  onProgressChange,
  onSubmitted,
}: ScriptBuilderTabProps) {
  const [wasOpened, setWasOpened] = useState(isActive);
  if (isActive && !wasOpened) setWasOpened(true);

  const queryClient = useQueryClient();
  const preferredLanguage = fix.script_language ?? 'powershell';
  // Get-or-create is idempotent on the server (200 with the same row), so it is safe as a query.
  const session = useQuery({
    queryKey: builderKeys.inline(aiSessionId),
    queryFn: async () => {
      const created = await createBuilderSession({
        origin: 'pilot_inline',
        ai_session_id: aiSessionId,
        language: preferredLanguage,
      });
      queryClient.setQueryData(builderKeys.session(created.id), created);
      return created;
    },
    enabled: wasOpened,
    staleTime: Infinity,
  });

  if (!wasOpened) return null;
  if (session.isError) {
    return (
      <div className="p-1">
        <ErrorState
          title="Couldn't open the Script Builder"
          error={session.error}
          onRetry={() => void session.refetch()}
          isRetrying={session.isFetching}
        />
      </div>
    );
  }
  return (
    <InlineBuilder
      session={session.data ?? null}
      aiSessionId={aiSessionId}
      fix={fix}
      preferredLanguage={preferredLanguage}
      onProgressChange={onProgressChange}
      onSubmitted={onSubmitted}
    />
  );
}

interface InlineBuilderProps extends Omit<ScriptBuilderTabProps, 'isActive'> {
  session: BuilderSession | null;
  preferredLanguage: ScriptLanguage;
}

function InlineBuilder({
  session,
  aiSessionId,
  fix,
  preferredLanguage,
  onProgressChange,
  onSubmitted,
}: InlineBuilderProps) {
  const sessionId = session?.id ?? null;
  // The session's own cache entry follows streamed `script` events (and our saves).
  const live = useQuery({ ...getBuilderSessionQueryOptions(sessionId ?? ''), enabled: sessionId !== null });
  const current = live.data ?? session;
  const messages = useBuilderMessages(sessionId);
  const [mode, setMode] = useState<Mode>('ai');
  const [editorOpened, setEditorOpened] = useState(false);
  const [language, setLanguage] = useState<ScriptLanguage>(current?.language ?? preferredLanguage);
  const scaffold = useMemo(() => scaffoldScript(language, fix), [language, fix]);
  const [buffer, setBuffer] = useState<string | null>(null);
  const submit = useSubmitFixScript(aiSessionId, fix.id);
  const autosave = useScriptAutosave(sessionId ?? '');
  const headingId = useId();
  const writeButtonRef = useRef<HTMLButtonElement>(null);
  const backButtonRef = useRef<HTMLButtonElement>(null);

  const latestScript = current?.latest_script ?? '';
  const editorText = buffer ?? scaffold;
  const ownWork = buffer !== null && hasOwnWork(buffer, scaffold);
  const hasConversation = (messages.data?.items.length ?? 0) > 0;
  const hasProgress = hasConversation || latestScript.trim() !== '' || ownWork;

  useEffect(() => {
    onProgressChange?.(hasProgress);
  }, [hasProgress, onProgressChange]);

  const openEditor = () => {
    setEditorOpened(true);
    setMode('editor');
  };
  /** Takes the Script Builder's latest script into the editor, to finish it by hand. */
  const takeBuilderScript = () => onEdit(latestScript);
  const backToAi = () => {
    void autosave.flush();
    setMode('ai');
    requestAnimationFrame(() => writeButtonRef.current?.focus());
  };
  const onEdit = (text: string) => {
    setBuffer(text);
    // Kept on the inline session too, so a reload does not lose what was typed.
    if (sessionId && hasOwnWork(text, scaffold)) autosave.save(text);
  };
  const changeLanguage = (next: ScriptLanguage) => {
    // An untouched scaffold follows the language; the engineer's own text is left alone.
    if (!ownWork) setBuffer(null);
    setLanguage(next);
  };

  const scriptToSubmit = mode === 'editor' ? editorText : latestScript;
  const canSubmit = mode === 'editor' ? ownWork : latestScript.trim() !== '';
  const submitScript = () => {
    if (!canSubmit) return;
    submit.mutate(
      {
        ai_drafted_script: scriptToSubmit,
        script_language: mode === 'editor' ? language : (current?.language ?? language),
      },
      { onSuccess: onSubmitted },
    );
  };

  return (
    <section aria-labelledby={headingId} className="flex min-h-0 flex-1 flex-col gap-3 pt-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <h2 id={headingId} className="truncate text-[13px] font-semibold text-zinc-100" title={fix.title}>
            Script for: {fix.title}
          </h2>
          <p className="text-xs text-zinc-400">
            {mode === 'ai'
              ? 'Ask the Script Builder for the script this fix needs, or write it yourself.'
              : 'Write the script; the description of the fix is at the top as a comment.'}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {mode === 'ai' ? (
            <Button
              ref={writeButtonRef}
              data-write-it-myself
              size="sm"
              onClick={openEditor}
              onPointerEnter={preloadCodeEditor}
              onFocus={preloadCodeEditor}
            >
              <IconCode className="size-3.5" />
              Write it myself
            </Button>
          ) : (
            <Button ref={backButtonRef} size="sm" onClick={backToAi}>
              <IconMessages className="size-3.5" />
              Back to AI
            </Button>
          )}
          <Button
            size="sm"
            variant="primary"
            disabled={!canSubmit}
            isLoading={submit.isPending}
            onClick={submitScript}
          >
            Submit script
          </Button>
        </div>
      </div>

      {submit.isError && (
        <Alert tone="error" title="The script was not attached to the fix" className="shrink-0">
          <p>{describeError(submit.error).detail}</p>
        </Alert>
      )}

      <div className="grid min-h-0 flex-1 grid-cols-1 grid-rows-1">
        <div
          inert={mode !== 'ai'}
          className={cn('col-start-1 row-start-1 flex min-h-0 flex-col gap-3', mode !== 'ai' && 'invisible')}
        >
          <BuilderChat
            sessionId={sessionId}
            language={current?.language ?? language}
            className="min-h-0 flex-1"
            aboveComposer={
              latestScript.trim() !== '' && (
                <p className="flex shrink-0 items-center gap-2 rounded-md bg-zinc-900 px-3 py-2 text-[13px] text-zinc-300 ring-1 ring-zinc-800">
                  <IconCode className="size-4 shrink-0 text-sky-300" />
                  <span className="min-w-0 flex-1 truncate">
                    Latest script{' '}
                    <span className="font-mono text-zinc-100">
                      {current?.latest_script_filename ??
                        fallbackFilename(fix.title, current?.language ?? language)}
                    </span>
                    <span className="text-zinc-400"> — Submit script attaches it to the fix.</span>
                  </span>
                </p>
              )
            }
            intro={
              <div className="max-w-sm text-center">
                <p className="text-[15px] font-medium text-zinc-100">Draft the script for this fix</p>
                <p className="mt-1.5 text-[13px] leading-relaxed text-zinc-400">
                  Say what it should do and where it runs; the Script Builder knows the fix. When its script
                  is right, choose <span className="font-medium text-zinc-200">Submit script</span> to attach
                  it to the fix.
                </p>
              </div>
            }
          />
        </div>

        {editorOpened && (
          <div
            inert={mode !== 'editor'}
            className={cn(
              'col-start-1 row-start-1 flex min-h-0 flex-col gap-2',
              mode !== 'editor' && 'invisible',
            )}
          >
            <div className="flex items-center justify-between gap-3">
              <label className="flex items-center gap-2 text-xs text-zinc-400">
                Language
                <select
                  value={language}
                  onChange={(event) => changeLanguage(event.target.value as ScriptLanguage)}
                  className="h-7 rounded-md bg-zinc-900 pr-7 pl-2 text-xs text-zinc-100 ring-1 ring-inset ring-zinc-700 focus:ring-2 focus:ring-sky-400 focus:outline-none"
                >
                  {scriptLanguages.map((option) => (
                    <option key={option} value={option}>
                      {languageLabels[option]}
                    </option>
                  ))}
                </select>
              </label>
              <div className="flex items-center gap-3">
                <p role="status" className="text-xs text-zinc-400">
                  {autosave.status === 'saving'
                    ? 'Saving draft…'
                    : autosave.status === 'saved'
                      ? 'Draft saved'
                      : ''}
                </p>
                {latestScript.trim() !== '' && latestScript !== editorText && (
                  <Button size="sm" variant="ghost" onClick={takeBuilderScript}>
                    Use the Script Builder's script
                  </Button>
                )}
              </div>
            </div>
            <div className="relative min-h-64 flex-1 overflow-hidden rounded-lg ring-1 ring-zinc-800">
              <CodeEditor
                value={editorText}
                onChange={onEdit}
                language={language}
                label="Script editor"
                autoFocus
                className="absolute inset-0 min-h-0"
              />
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
