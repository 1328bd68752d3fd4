import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { CodeEditor } from '../../../components/editor/code-editor';
import { Alert } from '../../../components/ui/alert';
import { Button, buttonClasses } from '../../../components/ui/button';
import { TextAreaField, TextField } from '../../../components/ui/field';
import { IconPlus } from '../../../components/ui/icons';
import { describeError, isApiError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { useCreateTemplate } from '../api/create-template';
import { useUpdateTemplate } from '../api/update-template';
import { fieldError, unclaimedErrors } from '../lib/field-errors';
import {
  applyParameters,
  draftFromParameter,
  draftFromSelection,
  emptyDraft,
  PARAMETER_NAME,
  toParametersSchema,
  unusedParameters,
  type ParameterDraft,
} from '../lib/template-parameters';
import type { ScriptTemplate, TemplateLanguage } from '../types';
import { TitledDialog } from '../../../components/ui/modal-dialog';
import { languageLabels } from './parameter-values';
import { ParameterRow } from './parameter-row';

/** Save a script to the library (create), or change a template of the account's own (edit). */
type TemplateFormDialogProps = { onClose: () => void } & (
  | { mode: 'create'; script: string; language: TemplateLanguage; defaultName: string }
  | { mode: 'edit'; template: ScriptTemplate }
);

const TOP_FIELDS = ['name', 'category', 'description', 'language', 'body'] as const;
const ROW_FIELDS = ['name', 'label', 'type', 'default', 'options'] as const;

/** The form's own checks, before the server's: names the library could never accept. */
function localRowErrors(drafts: readonly ParameterDraft[]) {
  return drafts.map((draft, index) => {
    const name = draft.name.trim();
    if (!PARAMETER_NAME.test(name))
      return { name: 'Use letters, digits and _, starting with a letter or _.' };
    if (drafts.findIndex((other) => other.name.trim() === name) !== index) {
      return { name: 'Another parameter already has this name.' };
    }
    if (draft.type === 'enum' && !draft.options.trim()) return { options: 'List at least one option.' };
    return {};
  });
}

/**
 * The template form: name, category and description, and the parameters the engineer marks —
 * select a value (or a line) in the script, or add a row and say which text it replaces. The
 * body keeps each marked text as a bare `{{name}}`, which rendering fills with a quoted value.
 *
 * Creating starts from a finished script, kept read-only so a removed row gives its text back.
 * Editing starts from the template: its body (placeholders in place) can be edited, and a
 * newly marked value is replaced in the body at once.
 */
export function TemplateFormDialog(props: TemplateFormDialogProps) {
  const { onClose } = props;
  const isEdit = props.mode === 'edit';
  const language = props.mode === 'edit' ? props.template.language : props.language;
  const formRef = useRef<HTMLFormElement>(null);
  const [script, setScript] = useState(props.mode === 'edit' ? props.template.body : props.script);
  const [name, setName] = useState(props.mode === 'edit' ? props.template.name : props.defaultName);
  const [category, setCategory] = useState(props.mode === 'edit' ? props.template.category : 'General');
  const [description, setDescription] = useState(props.mode === 'edit' ? props.template.description : '');
  const [drafts, setDrafts] = useState<ParameterDraft[]>(() =>
    props.mode === 'edit' ? props.template.parameters_schema.map(draftFromParameter) : [],
  );
  const [selection, setSelection] = useState('');
  const [showLocalErrors, setShowLocalErrors] = useState(false);
  const create = useCreateTemplate();
  const update = useUpdateTemplate();
  const mutation = isEdit ? update : create;
  const [saved, setSaved] = useState<ScriptTemplate | null>(null);

  const body = useMemo(() => applyParameters(script, drafts), [script, drafts]);
  const unused = useMemo(() => new Set(unusedParameters(body, drafts)), [body, drafts]);
  const localErrors = localRowErrors(drafts);
  const hasLocalErrors = localErrors.some((errors) => Object.keys(errors).length > 0);
  const takenNames = drafts.map((draft) => draft.name);
  const markable = selection.trim() && !selection.includes('{{') ? selection : '';

  const updateDraft = (key: string, changes: Partial<ParameterDraft>) =>
    setDrafts((current) => current.map((draft) => (draft.key === key ? { ...draft, ...changes } : draft)));
  const markSelection = () => {
    if (!markable) return;
    const draft = draftFromSelection(script, markable, takenNames);
    if (isEdit) {
      // The body is what the engineer edits here: put the placeholder in it now.
      setScript(applyParameters(script, [draft]));
      setDrafts((current) => [...current, { ...draft, literal: '' }]);
    } else setDrafts((current) => [...current, draft]);
    setSelection('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (hasLocalErrors) {
      setShowLocalErrors(true);
      focusFirstInvalid(formRef.current);
      return;
    }
    const definition = {
      name: name.trim(),
      description: description.trim(),
      category: category.trim() || 'General',
      body,
      parameters_schema: toParametersSchema(drafts),
    };
    const onError = () => focusFirstInvalid(formRef.current);
    if (props.mode === 'edit')
      update.mutate({ id: props.template.id, ...definition }, { onSuccess: onClose, onError });
    else create.mutate({ ...definition, language }, { onSuccess: setSaved, onError });
  };

  if (saved) {
    return (
      <TitledDialog title="Save to library" onClose={onClose} className="max-w-[32rem]">
        <div className="space-y-4 px-5 py-5">
          <Alert tone="success" title="Saved to the library">
            <p>
              “{saved.name}” is in the template library with {saved.parameters_schema.length}{' '}
              {saved.parameters_schema.length === 1 ? 'parameter' : 'parameters'}. Engineers can fill it in
              from a pilot session or from Scripts.
            </p>
          </Alert>
          <div className="flex justify-end gap-2">
            <Link to="/scripts" className={buttonClasses('secondary', 'md')}>
              Open the library
            </Link>
            <Button variant="primary" onClick={onClose}>
              Close
            </Button>
          </div>
        </div>
      </TitledDialog>
    );
  }

  const serverError = mutation.error;
  const rowError = (index: number, field: (typeof ROW_FIELDS)[number]) =>
    fieldError(serverError, `parameters_schema.${index}.${field}`) ??
    (showLocalErrors ? (localErrors[index] as Record<string, string | undefined>)[field] : undefined);
  const formLevel = unclaimedErrors(
    serverError,
    (path) =>
      (TOP_FIELDS as readonly string[]).includes(path) ||
      ROW_FIELDS.some((field) => new RegExp(`^parameters_schema\\.\\d+\\.${field}$`).test(path)),
  );

  return (
    <TitledDialog
      title={isEdit ? 'Edit template' : 'Save to library'}
      description={
        isEdit
          ? `A ${languageLabels[language]} template of your account. Changes apply to every later use; past runs keep their record.`
          : `A reusable ${languageLabels[language]} template. Mark the values that change from one run to the next as parameters.`
      }
      onClose={onClose}
      className="max-w-[56rem]"
    >
      <form ref={formRef} onSubmit={submit} noValidate className="flex min-h-0 flex-1 flex-col">
        <div className="min-h-0 flex-1 space-y-5 overflow-y-auto px-5 py-4">
          {serverError && (
            <Alert tone="error" title={isEdit ? 'The changes were not saved' : 'The template was not saved'}>
              <p>
                {isApiError(serverError) && serverError.status === 422 && serverError.errors.length > 0
                  ? 'Correct the fields marked below and save again.'
                  : describeError(serverError).detail}
              </p>
              {formLevel.length > 0 && (
                <ul className="mt-1 list-disc pl-4">
                  {formLevel.map((item) => (
                    <li key={`${item.field}-${item.message}`}>
                      <span className="font-mono">{item.field.replace(/^body\./, '')}</span>: {item.message}
                    </li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Name"
              value={name}
              onChange={(event) => setName(event.target.value)}
              error={fieldError(serverError, 'name')}
              required
              data-autofocus
              autoComplete="off"
            />
            <TextField
              label="Category"
              value={category}
              onChange={(event) => setCategory(event.target.value)}
              error={fieldError(serverError, 'category')}
              hint="e.g. Printing, Networking, Accounts."
              autoComplete="off"
            />
            <TextAreaField
              label="Description"
              value={description}
              onChange={(event) => setDescription(event.target.value)}
              error={fieldError(serverError, 'description')}
              hint="What it does and where to run it (elevated? on the PC or the server?)."
              containerClassName="sm:col-span-2"
              className="min-h-16"
            />
          </div>

          <section aria-labelledby="template-body-heading" className="space-y-2">
            <div className="flex flex-wrap items-end justify-between gap-3">
              <div>
                <h3 id="template-body-heading" className="text-[13px] font-semibold text-zinc-100">
                  Template body
                </h3>
                <p className="text-[13px] text-zinc-400">
                  {isEdit
                    ? 'Edit the body, or select a value and mark it as a parameter.'
                    : 'Select a value or a line, then mark it as a parameter.'}
                </p>
              </div>
              <div className="flex gap-2">
                <Button size="sm" onClick={markSelection} disabled={!markable}>
                  Mark selection as parameter
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setDrafts((current) => [...current, emptyDraft(takenNames)])}
                >
                  <IconPlus className="size-3.5" />
                  Add parameter
                </Button>
              </div>
            </div>
            <div className="h-56 overflow-hidden rounded-md ring-1 ring-zinc-800">
              <CodeEditor
                value={body}
                language={language}
                readOnly={!isEdit}
                {...(isEdit ? { onChange: setScript } : {})}
                label="Template body"
                onSelectionChange={setSelection}
                className="h-56"
              />
            </div>
            {fieldError(serverError, 'body') && (
              <p className="text-[13px] text-red-300">{fieldError(serverError, 'body')}</p>
            )}
          </section>

          <section aria-label="Parameters" className="space-y-3">
            {drafts.length === 0 ? (
              <p className="rounded-lg border border-dashed border-zinc-800 px-4 py-3 text-[13px] text-zinc-400">
                No parameters: the template runs exactly as written. Mark the computer name, user or path if
                they change per ticket.
              </p>
            ) : (
              drafts.map((draft, index) => (
                <ParameterRow
                  key={draft.key}
                  index={index}
                  draft={draft}
                  onChange={(changes) => updateDraft(draft.key, changes)}
                  onRemove={() => setDrafts((current) => current.filter((other) => other.key !== draft.key))}
                  isUnused={unused.has(draft.name)}
                  errors={{
                    name: rowError(index, 'name'),
                    label: rowError(index, 'label'),
                    type: rowError(index, 'type'),
                    default: rowError(index, 'default'),
                    options: rowError(index, 'options'),
                  }}
                />
              ))
            )}
          </section>
        </div>
        <div className="flex items-center justify-end gap-2 border-t border-zinc-800 bg-zinc-900/40 px-5 py-3">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" isLoading={mutation.isPending}>
            {isEdit ? 'Save changes' : 'Save to library'}
          </Button>
        </div>
      </form>
    </TitledDialog>
  );
}
