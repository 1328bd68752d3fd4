import { useId, useState } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { CodeBlock } from '../../../components/ui/code-block';
import { Spinner } from '../../../components/ui/spinner';
import { describeError, isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format-relative-time';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useDeleteTemplate } from '../api/delete-template';
import { useRenderPreview } from '../api/render-template';
import type { ParameterValues, ScriptTemplate } from '../types';
import { TitledDialog } from '../../../components/ui/modal-dialog';
import { ParameterForm } from './parameter-form';
import { TemplateFormDialog } from './template-form-dialog';
import { describeSuccessRate, initialParameterValues, languageLabels } from './parameter-values';

interface TemplateDetailProps {
  template: ScriptTemplate;
  /** The caller may change the account's templates (not a viewer); built-ins are never editable. */
  canEdit: boolean;
  /** After a delete: the template is gone from the library. */
  onDeleted: (template: ScriptTemplate) => void;
}

/** One template: what it does, its body, and a live preview rendered by the server as you type. */
export function TemplateDetail({ template, canEdit, onDeleted }: TemplateDetailProps) {
  const headingId = useId();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const isEditable = canEdit && !template.is_builtin;
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
          {isEditable && (
            <div className="ml-auto flex items-center gap-2">
              <Button size="sm" onClick={() => setDialog('edit')}>
                Edit
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setDialog('delete')}>
                Delete
              </Button>
            </div>
          )}
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
      {dialog === 'edit' && (
        <TemplateFormDialog mode="edit" template={template} onClose={() => setDialog(null)} />
      )}
      {dialog === 'delete' && (
        <DeleteTemplateDialog
          template={template}
          onClose={() => setDialog(null)}
          onDeleted={() => onDeleted(template)}
        />
      )}
    </article>
  );
}

function DeleteTemplateDialog({
  template,
  onClose,
  onDeleted,
}: {
  template: ScriptTemplate;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteTemplate();
  return (
    <TitledDialog title="Delete this template?" onClose={onClose} className="max-w-[30rem]">
      <div className="space-y-4 px-5 py-5">
        <p className="text-[13px] leading-relaxed text-zinc-300">
          “{template.name}” leaves the library and is no longer suggested for fixes. Fixes and scripts that
          already used it keep their record.
        </p>
        {remove.isError && (
          <Alert tone="error" title="The template was not deleted">
            <p>{describeError(remove.error).detail}</p>
          </Alert>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            isLoading={remove.isPending}
            // Not mutate's onSuccess: the refetched list drops the template and unmounts this
            // dialog before it would run; the promise settles either way. Errors show above.
            onClick={() => void remove.mutateAsync(template.id).then(onDeleted, () => undefined)}
          >
            Delete template
          </Button>
        </div>
      </div>
    </TitledDialog>
  );
}

/** `parameters.close_outlook` → the parameter's label, for the error list. */
function labelFor(template: ScriptTemplate, field: string): string {
  const name = field.replace(/^(body\.)?parameters\./, '');
  return template.parameters_schema.find((param) => param.name === name)?.label ?? name;
}
