import { useId } from 'react';
import { SelectField, TextField } from '../../../components/ui/field';
import { cn } from '../../../lib/cn';
import type { ParameterValues, TemplateParameter } from '../types';

interface ParameterFormProps {
  parameters: readonly TemplateParameter[];
  values: ParameterValues;
  onChange: (values: ParameterValues) => void;
  /** The server's message for a parameter (from a 422), by parameter name. */
  errorFor?: (name: string) => string | undefined;
  disabled?: boolean;
  className?: string;
}

/**
 * One typed control per template parameter: text, number, checkbox (boolean), select (enum) and
 * a password box for secrets. The server checks the values again when rendering; its field
 * errors show next to the control they belong to.
 */
export function ParameterForm({
  parameters,
  values,
  onChange,
  errorFor,
  disabled,
  className,
}: ParameterFormProps) {
  if (parameters.length === 0) {
    return <p className="text-[13px] text-zinc-400">This template takes no parameters.</p>;
  }
  const set = (name: string, value: string | boolean) => onChange({ ...values, [name]: value });
  return (
    <div className={cn('space-y-3', className)}>
      {parameters.map((param) => (
        <ParameterField
          key={param.name}
          param={param}
          value={values[param.name]}
          error={errorFor?.(param.name)}
          disabled={disabled}
          onChange={(value) => set(param.name, value)}
        />
      ))}
    </div>
  );
}

function hintFor(param: TemplateParameter) {
  const parts = [
    param.required ? 'Required.' : null,
    param.help ?? null,
    // The pattern itself is for the template's author; people filling in get its help or an example.
    param.pattern &&
    param.type !== 'enum' &&
    !param.help &&
    typeof param.default === 'string' &&
    param.default
      ? `For example: ${param.default}.`
      : null,
    param.type === 'secret' || param.sensitive ? 'Shown as •••• in saved records.' : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

interface ParameterFieldProps {
  param: TemplateParameter;
  value: string | boolean | undefined;
  error: string | undefined;
  disabled: boolean | undefined;
  onChange: (value: string | boolean) => void;
}

function ParameterField({ param, value, error, disabled, onChange }: ParameterFieldProps) {
  const checkboxId = useId();
  const hint = hintFor(param);
  const common = {
    label: param.label,
    hint,
    error,
    disabled,
    'aria-required': param.required || undefined,
    name: param.name,
  };

  switch (param.type) {
    case 'boolean':
      return (
        <div className="space-y-1">
          <div className="flex items-start gap-2.5">
            <input
              id={checkboxId}
              type="checkbox"
              name={param.name}
              checked={value === true}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              aria-describedby={error || hint ? `${checkboxId}-note` : undefined}
              onChange={(event) => onChange(event.target.checked)}
              className="mt-0.5 size-4 shrink-0 rounded border-zinc-600 bg-zinc-900 accent-sky-400"
            />
            <label htmlFor={checkboxId} className="text-[13px] font-medium text-zinc-200">
              {param.label}
            </label>
          </div>
          {(error || param.help) && (
            <p
              id={`${checkboxId}-note`}
              className={cn('pl-6.5 text-[13px]', error ? 'text-red-300' : 'text-zinc-400')}
            >
              {error ?? param.help}
            </p>
          )}
        </div>
      );
    case 'enum':
      return (
        <SelectField
          {...common}
          value={String(value ?? '')}
          onChange={(event) => onChange(event.target.value)}
        >
          {(!param.required || !value) && <option value="">Choose…</option>}
          {(param.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    case 'integer':
    case 'number':
      return (
        <TextField
          {...common}
          type="number"
          inputMode={param.type === 'integer' ? 'numeric' : 'decimal'}
          step={param.type === 'integer' ? 1 : 'any'}
          value={String(value ?? '')}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'secret':
      return (
        <TextField
          {...common}
          type="password"
          autoComplete="off"
          value={String(value ?? '')}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'string':
      return (
        <TextField
          {...common}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={String(value ?? '')}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
