import { useId, useState } from 'react';
import { Badge } from '../../../components/ui/badge';
import { CodeBlock } from '../../../components/ui/code-block';
import { Spinner } from '../../../components/ui/spinner';
import { describeError, isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format-relative-time';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useRenderPreview } from '../api/render-template';
import type { ParameterValues, ScriptTemplate } from '../types';
import { ParameterForm } from './parameter-form';
import { describeSuccessRate, initialParameterValues, languageLabels } from './parameter-values';

/** One template: what it does, its body, and a live preview rendered by the server as you type. */
export function TemplateDetail({ template }: { template: ScriptTemplate }) {
  const headingId = useId();
  const [values, setValues] = useState<ParameterValues>(() =>
    initialParameterValues(template.parameters_schema),
  );
  const debouncedValues = useDebouncedValue(values, 350);
  const preview = useRenderPreview(template.id, debouncedValues);
  const previewError = preview.error;
  const successRate = describeSuccessRate(template);
  const outcomes = template.success_count + template.failure_count + template.partial_count;
  const isUpdating = preview.isFetching || debouncedValues !== values;
  const fieldErrors = isApiError(previewError) ? previewError.errors : [];
  // Required fields nobody has filled in yet are a to-do, not a mistake: no red until then.
  const missingOnly = fieldErrors.length > 0 && fieldErrors.every((error) => error.message === 'is required');

  return (
    <article
      aria-labelledby={headingId}
      className="space-y-5 rounded-lg bg-zinc-900/60 p-4 ring-1 ring-zinc-800"
    >
      <header className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h3 id={headingId} className="text-base font-semibold text-zinc-50">
            {template.name}
          </h3>
          {template.is_builtin && <Badge tone="accent">Built-in</Badge>}
        </div>
        <p className="flex flex-wrap gap-x-2 text-xs text-zinc-400">
          <span>{languageLabels[template.language]}</span>
          <span aria-hidden="true">·</span>
          <span>{template.category}</span>
          <span aria-hidden="true">·</span>
          <span className="tabular-nums">
            Used {template.usage_count} {template.usage_count === 1 ? 'time' : 'times'}
          </span>
          <span aria-hidden="true">·</span>
          <span className="tabular-nums">
            {successRate
              ? `${successRate} over ${outcomes} ${outcomes === 1 ? 'outcome' : 'outcomes'}`
              : 'No outcomes yet'}
          </span>
          {!template.is_builtin && (
            <>
              <span aria-hidden="true">·</span>
              <span>Added {formatDateTime(template.created_at)}</span>
            </>
          )}
        </p>
        {template.description && (
          <p className="text-[13px] leading-relaxed whitespace-pre-line text-zinc-300">
            {template.description}
          </p>
        )}
      </header>

      <section aria-label="Template body" className="space-y-1.5">
        <h4 className="text-xs font-semibold tracking-wide text-zinc-400 uppercase">Body</h4>
        <CodeBlock
          code={template.body}
          language={template.language}
          copyLabel="Copy body"
          className="[&_pre]:max-h-72 [&_pre]:overflow-y-auto"
        />
      </section>

      <div className="grid gap-5 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <section aria-label="Parameters" className="space-y-2">
          <h4 className="text-xs font-semibold tracking-wide text-zinc-400 uppercase">Parameters</h4>
          <ParameterForm
            parameters={template.parameters_schema}
            values={values}
            onChange={setValues}
            errorFor={(name) =>
              isApiError(previewError) && !missingOnly ? previewError.fieldError(name) : undefined
            }
          />
        </section>
        <section aria-label="Preview" aria-busy={isUpdating || undefined} className="min-w-0 space-y-2">
          <h4 className="flex items-center gap-2 text-xs font-semibold tracking-wide text-zinc-400 uppercase">
            Preview
            {isUpdating && <Spinner className="size-3.5" />}
          </h4>
          {missingOnly ? (
            <p
              role="status"
              className="rounded-md bg-zinc-950/60 px-3 py-2.5 text-[13px] text-zinc-300 ring-1 ring-zinc-800 ring-inset"
            >
              Fill in {fieldErrors.map((error) => labelFor(template, error.field)).join(', ')} to see the
              script.
            </p>
          ) : previewError ? (
            <div
              role="alert"
              className="rounded-md bg-red-950/30 px-3 py-2.5 text-[13px] text-red-200 ring-1 ring-red-900/60 ring-inset"
            >
              <p className="font-medium">The preview cannot render with these values.</p>
              {isApiError(previewError) && previewError.errors.length > 0 ? (
                <ul className="mt-1 list-disc space-y-0.5 pl-4">
                  {previewError.errors.map((fieldError) => (
                    <li key={`${fieldError.field}:${fieldError.message}`}>
                      {labelFor(template, fieldError.field)} {fieldError.message}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{describeError(previewError).detail}</p>
              )}
            </div>
          ) : preview.data ? (
            <CodeBlock code={preview.data.script} language={template.language} copyLabel="Copy script" />
          ) : (
            <div aria-hidden="true" className="h-24 animate-pulse rounded-md bg-zinc-800/60" />
          )}
          <p className="text-xs text-zinc-500">
            Each value becomes one quoted literal, so nothing typed here can inject code. FlowPilot never runs
            the script.
          </p>
        </section>
      </div>
    </article>
  );
}

/** `parameters.close_outlook` → the parameter's label, for the error list. */
function labelFor(template: ScriptTemplate, field: string): string {
  const name = field.replace(/^(body\.)?parameters\./, '');
  return template.parameters_schema.find((param) => param.name === name)?.label ?? name;
}
