import { useId } from 'react';
import { Button } from '../../../components/ui/button';
import { SelectField, TextField } from '../../../components/ui/field';
import { IconTrash } from '../../../components/ui/icons';
import type { ParameterDraft } from '../lib/template-parameters';
import type { ParameterType } from '../types';

const typeLabels: Record<ParameterType, string> = {
  string: 'Text',
  integer: 'Whole number',
  number: 'Number',
  boolean: 'Yes / no',
  enum: 'One of a list',
  secret: 'Secret',
};

interface ParameterRowProps {
  index: number;
  draft: ParameterDraft;
  onChange: (changes: Partial<ParameterDraft>) => void;
  onRemove: () => void;
  /** Messages for this row's fields, from the server (422) or the form's own checks. */
  errors: Partial<Record<'name' | 'label' | 'type' | 'default' | 'options', string>>;
  /** The row's name is not placed anywhere in the body. */
  isUnused: boolean;
}

/** One parameter of the template being saved: what it is called, its type, and the text it replaces. */
export function ParameterRow({ index, draft, onChange, onRemove, errors, isUnused }: ParameterRowProps) {
  const legendId = useId();
  const checkboxClasses =
    'size-4 rounded border-zinc-600 bg-zinc-900 accent-sky-400 focus-visible:outline-2 focus-visible:outline-sky-400';

  return (
    <fieldset
      aria-labelledby={legendId}
      className="space-y-3 rounded-lg bg-zinc-900/60 p-3.5 ring-1 ring-zinc-800"
    >
      <div className="flex items-center justify-between gap-3">
        <p id={legendId} className="text-[13px] font-semibold text-zinc-100">
          Parameter {index + 1}
          {draft.name && (
            <span className="ml-2 font-mono text-xs font-normal text-sky-300">{`{{${draft.name}}}`}</span>
          )}
        </p>
        <Button size="sm" variant="ghost" onClick={onRemove} aria-label={`Remove parameter ${index + 1}`}>
          <IconTrash className="size-3.5" />
          Remove
        </Button>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Parameter name"
          value={draft.name}
          onChange={(event) => onChange({ name: event.target.value })}
          error={errors.name}
          hint="Letters, digits and _; placed in the script as {{name}}."
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
        />
        <TextField
          label="Label"
          value={draft.label}
          onChange={(event) => onChange({ label: event.target.value })}
          error={errors.label}
          hint="What the form asks, e.g. “Computer name”."
        />
        <TextField
          label="Replaces in script"
          value={draft.literal}
          onChange={(event) => onChange({ literal: event.target.value })}
          hint={
            isUnused
              ? 'Not placed in the script yet: type the text it replaces, or select it in the script above.'
              : 'Every occurrence becomes the placeholder (with its quotes).'
          }
          spellCheck={false}
          autoComplete="off"
          className="font-mono"
        />
        <SelectField
          label="Type"
          value={draft.type}
          onChange={(event) => onChange({ type: event.target.value as ParameterType })}
          error={errors.type}
        >
          {(Object.keys(typeLabels) as ParameterType[]).map((type) => (
            <option key={type} value={type}>
              {typeLabels[type]}
            </option>
          ))}
        </SelectField>
        {draft.type !== 'secret' && (
          <TextField
            label="Default value"
            value={draft.defaultValue}
            onChange={(event) => onChange({ defaultValue: event.target.value })}
            error={errors.default}
            hint={draft.type === 'boolean' ? 'true or false' : 'Optional.'}
            autoComplete="off"
          />
        )}
        {draft.type === 'enum' && (
          <TextField
            label="Options"
            value={draft.options}
            onChange={(event) => onChange({ options: event.target.value })}
            error={errors.options}
            hint="Separated by commas."
            autoComplete="off"
          />
        )}
      </div>
      <div className="flex flex-wrap gap-x-5 gap-y-2 text-[13px] text-zinc-200">
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={draft.required}
            onChange={(event) => onChange({ required: event.target.checked })}
            className={checkboxClasses}
          />
          Required
        </label>
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={draft.sensitive || draft.type === 'secret'}
            disabled={draft.type === 'secret'}
            onChange={(event) => onChange({ sensitive: event.target.checked })}
            className={checkboxClasses}
          />
          Sensitive <span className="text-zinc-400">(shown as •••• once used)</span>
        </label>
      </div>
    </fieldset>
  );
}
