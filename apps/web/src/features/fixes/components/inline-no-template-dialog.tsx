import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { CodeBlock } from '../../../components/ui/code-block';
import { FormError } from '../../../components/ui/form-error';
import { IconClose, IconCode, IconPlus, IconSend } from '../../../components/ui/icons';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';
import { useDecideFix } from '../api/decide-fix';
import type { SuggestedFix } from '../types';

type RunDecision = 'one_off' | 'draft_template' | 'build_template';

interface InlineNoTemplateDialogProps {
  sessionId: string;
  fix: SuggestedFix & { ai_drafted_script: string };
  onClose: () => void;
  /** A run was declared; the message says what else happened (a draft queued for review). */
  onRunDeclared: (message: string) => void;
}

/** Where the Script Builder page picks the fix up (it reads both parameters). */
export const scriptBuilderPathForFix = (sessionId: string, fixId: string) =>
  `/script-builder?${new URLSearchParams({ from_fix: fixId, session: sessionId }).toString()}`;

/**
 * Apply for a fix with a drafted script and no library template: the script, and the three ways
 * to go on. The two "Run now" cards declare the run (Verifying); building a template first does
 * not. A non-modal dialog in the chat region, above the composer, with the chat still readable.
 */
export function InlineNoTemplateDialog({
  sessionId,
  fix,
  onClose,
  onRunDeclared,
}: InlineNoTemplateDialogProps) {
  const decide = useDecideFix(sessionId);
  const navigate = useNavigate();
  const headingId = useId();
  const descriptionId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  const choose = (decision: RunDecision) => {
    decide.mutate(
      { fixId: fix.id, decision: { decision } },
      {
        onSuccess: ({ draft_template_id }) => {
          if (decision === 'build_template') {
            void navigate(scriptBuilderPathForFix(sessionId, fix.id));
            return;
          }
          onRunDeclared(
            decision === 'draft_template' && draft_template_id
              ? 'Marked as run. A draft template was queued for an owner to review in Scripts.'
              : 'Marked as run. Tell FlowPilot how it went.',
          );
        },
      },
    );
  };
  const pending = decide.isPending ? decide.variables.decision.decision : null;

  return (
    <section
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      aria-describedby={descriptionId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !decide.isPending) {
          event.stopPropagation();
          onClose();
        }
      }}
      className="space-y-3 rounded-lg bg-zinc-900/90 p-3.5 ring-1 ring-sky-900/70"
    >
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <h2
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            className="text-[13px] font-semibold text-zinc-50 focus:outline-none"
          >
            Run the drafted script
          </h2>
          <p id={descriptionId} className="text-xs text-zinc-400">
            No library template fits this fix. Read the script, then choose how to go on — FlowPilot never
            runs it for you.
          </p>
        </div>
        <button
          type="button"
          onClick={onClose}
          disabled={decide.isPending}
          aria-label="Close"
          className="grid size-7 shrink-0 place-items-center rounded-md text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100 disabled:opacity-50"
        >
          <IconClose className="size-4" />
        </button>
      </div>

      <CodeBlock
        code={fix.ai_drafted_script}
        language={fix.script_language ?? undefined}
        copyLabel="Copy"
        className="[&_pre]:max-h-56 [&_pre]:overflow-y-auto"
      />

      <div className="grid gap-2 sm:grid-cols-3">
        <DecisionCard
          title="Run now, no template"
          description="Run it once as it is. Nothing is saved to the library."
          icon={<IconSend className="size-4" />}
          isPending={pending === 'one_off'}
          disabled={decide.isPending}
          onClick={() => choose('one_off')}
        />
        <DecisionCard
          title="Run now, templatize after"
          description="Run it now and queue it as a draft template for an owner to review."
          icon={<IconPlus className="size-4" />}
          isPending={pending === 'draft_template'}
          disabled={decide.isPending}
          onClick={() => choose('draft_template')}
        />
        <DecisionCard
          title="Build a reusable template"
          description="Open the Script Builder to turn it into a parameterised template first. Not a run yet."
          icon={<IconCode className="size-4" />}
          isPending={pending === 'build_template'}
          disabled={decide.isPending}
          onClick={() => choose('build_template')}
        />
      </div>

      {decide.error !== null && <FormError error={decide.error} fields={[]} />}
    </section>
  );
}

function DecisionCard({
  title,
  description,
  icon,
  isPending,
  disabled,
  onClick,
}: {
  title: string;
  description: string;
  icon: ReactNode;
  isPending: boolean;
  disabled: boolean;
  onClick: () => void;
}) {
  const titleId = useId();
  const descriptionId = useId();
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      aria-busy={isPending || undefined}
      className={cn(
        'flex h-full flex-col items-start gap-1.5 rounded-md bg-zinc-950/60 p-3 text-left ring-1 ring-zinc-800 transition-colors',
        'hover:bg-zinc-800/60 hover:ring-sky-800/80 disabled:cursor-not-allowed',
        disabled && !isPending && 'opacity-60',
      )}
    >
      <span className="flex items-center gap-2 text-sky-300">
        {isPending ? <Spinner className="size-4" /> : icon}
        <span id={titleId} className="text-[13px] font-semibold text-zinc-50">
          {title}
        </span>
      </span>
      <span id={descriptionId} className="text-xs leading-relaxed text-zinc-400">
        {description}
      </span>
    </button>
  );
}
