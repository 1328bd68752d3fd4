import { useId, useRef, useState, type RefObject } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CodeBlock } from '../../../components/ui/code-block';
import { ErrorState } from '../../../components/ui/error-state';
import { FormError } from '../../../components/ui/form-error';
import { IconCheck, IconChevronDown, IconClose, IconScroll } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { isApiError } from '../../../lib/api-client';
import { cn } from '../../../lib/cn';
import { useGenerateScript } from '../api/generate-script';
import { useTemplate } from '../api/get-template';
import { useTemplateMatches } from '../api/match-templates';
import type { ParameterValues, ScriptGeneration, ScriptTemplate } from '../types';
import { ParameterForm } from './parameter-form';
import {
  describeSuccessRate,
  initialParameterValues,
  languageLabels,
  missingRequired,
} from './parameter-values';

interface TemplateMatchPanelProps {
  sessionId: string;
  fixId: string;
  /** The template the fix names; when it cannot be found, the ranked matches are offered instead. */
  templateId: string;
  onClose: () => void;
  /** "I ran this": the parent declares the run (POST …/apply), which starts Verifying. */
  onMarkRun: () => void;
  isMarkingRun: boolean;
  markRunError: unknown;
  /** A linked generation changed the fix and the session's state_version. */
  onGenerated: (generation: ScriptGeneration) => void;
  headingRef?: RefObject<HTMLHeadingElement | null>;
}

/**
 * The task-lane panel Apply opens for a fix with a library template: the template, its typed
 * parameter form, Generate (linked to the fix), Copy, and "I ran this". Only "I ran this"
 * declares a run; generating or copying a script says nothing about whether it was run.
 */
export function TemplateMatchPanel({
  sessionId,
  fixId,
  templateId,
  onClose,
  onMarkRun,
  isMarkingRun,
  markRunError,
  onGenerated,
  headingRef,
}: TemplateMatchPanelProps) {
  const headingId = useId();
  const [chosenId, setChosenId] = useState(templateId);
  const template = useTemplate(chosenId);
  const notFound = isApiError(template.error) && template.error.status === 404;
  const matches = useTemplateMatches(sessionId, notFound);

  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg bg-zinc-900/80 p-3 ring-1 ring-sky-900/70"
    >
      <div className="flex items-start gap-2">
        <span className="grid size-7 shrink-0 place-items-center rounded-md bg-sky-950 text-sky-300 ring-1 ring-sky-800/70">
          <IconScroll className="size-3.5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            className="text-xs font-semibold tracking-wide text-sky-300/90 uppercase focus:outline-none"
          >
            Run with a template
          </h2>
          <p className="text-xs text-zinc-400">Generate the script, run it yourself, then say so.</p>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close template panel"
          className="grid size-7 shrink-0 place-items-center rounded-md text-zinc-400 hover:bg-zinc-800 hover:text-zinc-100"
        >
          <IconClose className="size-4" />
        </button>
      </div>

      {template.isPending ? (
        <div aria-busy="true" aria-label="Loading template" className="space-y-2">
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="h-3 w-1/2" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : template.isError && !notFound ? (
        <ErrorState
          title="Couldn't load the template"
          error={template.error}
          onRetry={() => void template.refetch()}
          isRetrying={template.isFetching}
        />
      ) : notFound ? (
        <MatchChooser
          isPending={matches.isPending}
          error={matches.error}
          onRetry={() => void matches.refetch()}
          items={matches.data?.items ?? []}
          onChoose={setChosenId}
        />
      ) : template.data ? (
        <TemplateRunner
          key={template.data.id}
          template={template.data}
          sessionId={sessionId}
          fixId={fixId}
          onMarkRun={onMarkRun}
          isMarkingRun={isMarkingRun}
          markRunError={markRunError}
          onGenerated={onGenerated}
        />
      ) : null}
    </section>
  );
}

function MatchChooser({
  isPending,
  error,
  onRetry,
  items,
  onChoose,
}: {
  isPending: boolean;
  error: unknown;
  onRetry: () => void;
  items: Array<ScriptTemplate & { reason: string }>;
  onChoose: (id: string) => void;
}) {
  return (
    <div className="space-y-2">
      <Alert tone="info">
        The template this fix names is no longer in the library. Pick one of these instead.
      </Alert>
      {isPending ? (
        <div aria-busy="true" aria-label="Loading matching templates" className="space-y-2">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : error ? (
        <ErrorState title="Couldn't rank templates" error={error} onRetry={onRetry} />
      ) : items.length === 0 ? (
        <p className="text-[13px] text-zinc-400">No template in the library fits this fix.</p>
      ) : (
        <ul aria-label="Matching templates" className="space-y-1.5">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                onClick={() => onChoose(item.id)}
                className="w-full rounded-md bg-zinc-950/60 px-2.5 py-2 text-left ring-1 ring-zinc-800 hover:bg-zinc-800/60 hover:ring-zinc-700"
              >
                <span className="block text-[13px] font-medium text-zinc-100">{item.name}</span>
                <span className="block text-xs text-zinc-400">
                  {languageLabels[item.language]} · {item.reason}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface TemplateRunnerProps {
  template: ScriptTemplate;
  sessionId: string;
  fixId: string;
  onMarkRun: () => void;
  isMarkingRun: boolean;
  markRunError: unknown;
  onGenerated: (generation: ScriptGeneration) => void;
}

function TemplateRunner({
  template,
  sessionId,
  fixId,
  onMarkRun,
  isMarkingRun,
  markRunError,
  onGenerated,
}: TemplateRunnerProps) {
  const formId = useId();
  const schema = template.parameters_schema;
  const [values, setValues] = useState<ParameterValues>(() => initialParameterValues(schema));
  const missing = missingRequired(schema, values);
  // A required parameter without a default cannot wait behind a toggle.
  const [isEditing, setIsEditing] = useState(missing.length > 0);
  const [generated, setGenerated] = useState<{
    generation: ScriptGeneration;
    values: ParameterValues;
  } | null>(null);
  const generate = useGenerateScript({
    onGenerated: (generation) => {
      setGenerated({ generation, values });
      onGenerated(generation);
    },
  });
  const formRef = useRef<HTMLDivElement>(null);
  const generateError = generate.error;

  const runGenerate = () =>
    generate.mutate(
      { templateId: template.id, parameters: values, sessionId, fixId },
      {
        onError: (error) => {
          if (!isApiError(error) || error.errors.length === 0) return;
          // The server found bad values: open the form on the first of them.
          setIsEditing(true);
          requestAnimationFrame(() =>
            formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
          );
        },
      },
    );

  const isStale = generated !== null && JSON.stringify(generated.values) !== JSON.stringify(values);
  const successRate = describeSuccessRate(template);
  const paramNames = schema.map((param) => param.name);

  return (
    <div className="space-y-3">
      <div className="space-y-1.5">
        <div className="flex flex-wrap items-center gap-1.5">
          <p className="min-w-0 text-[13px] font-semibold text-zinc-50">{template.name}</p>
          <Badge tone="neutral">{languageLabels[template.language]}</Badge>
          {template.is_builtin && <Badge tone="accent">Built-in</Badge>}
        </div>
        <p className="text-xs text-zinc-400">
          {template.category}
          {' · '}
          {successRate ?? 'No outcomes yet'}
          {' · '}
          <span className="tabular-nums">
            {template.usage_count} {template.usage_count === 1 ? 'use' : 'uses'}
          </span>
        </p>
        {template.description && (
          <p className="text-[13px] leading-relaxed text-zinc-300">{template.description}</p>
        )}
      </div>

      <div className="space-y-2">
        <button
          type="button"
          aria-expanded={isEditing}
          aria-controls={formId}
          onClick={() => setIsEditing((open) => !open)}
          className="flex w-full items-center justify-between rounded-md px-1 py-1 text-[13px] font-medium text-zinc-200 hover:text-zinc-50"
        >
          <span>
            Edit parameters
            <span className="ml-1.5 text-xs font-normal text-zinc-500 tabular-nums">({schema.length})</span>
          </span>
          <IconChevronDown
            className={cn('size-4 text-zinc-400 transition-transform', isEditing && 'rotate-180')}
          />
        </button>
        <div
          id={formId}
          ref={formRef}
          hidden={!isEditing}
          className="rounded-md bg-zinc-950/50 p-3 ring-1 ring-zinc-800"
        >
          <ParameterForm
            parameters={schema}
            values={values}
            onChange={setValues}
            errorFor={(name) => (isApiError(generateError) ? generateError.fieldError(name) : undefined)}
            disabled={generate.isPending}
          />
        </div>
        {!isEditing && missing.length > 0 && (
          <p className="text-xs text-amber-200">
            {missing.length === 1
              ? '1 required parameter needs'
              : `${missing.length} required parameters need`}{' '}
            a value.
          </p>
        )}
      </div>

      {generateError !== null && <FormError error={generateError} fields={paramNames} />}

      <div className="flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          variant={generated ? 'secondary' : 'primary'}
          isLoading={generate.isPending}
          onClick={runGenerate}
        >
          Generate
        </Button>
      </div>

      {generated && (
        <div className="space-y-1.5">
          {isStale && (
            <p className="text-xs text-amber-200">The parameters changed since this script was generated.</p>
          )}
          <CodeBlock code={generated.generation.script} language={template.language} copyLabel="Copy" />
        </div>
      )}

      <div className="space-y-2 border-t border-zinc-800 pt-3">
        <p className="text-xs text-zinc-400">Ran it on the machine? Say so, then tell us how it went.</p>
        <Button
          size="sm"
          variant={generated ? 'primary' : 'secondary'}
          isLoading={isMarkingRun}
          onClick={onMarkRun}
          className="w-full"
        >
          {!isMarkingRun && <IconCheck className="size-3.5" />}I ran this
        </Button>
        {markRunError !== null && markRunError !== undefined && (
          <FormError error={markRunError} fields={[]} />
        )}
      </div>
    </div>
  );
}
