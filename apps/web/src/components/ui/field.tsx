import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cn } from '../../lib/cn';

const controlClasses = (invalid: boolean) =>
  cn(
    'block w-full rounded-md bg-zinc-900 px-3 text-sm text-zinc-100 ring-1 ring-inset transition-shadow',
    'placeholder:text-zinc-500 focus:outline-none focus-visible:outline-none focus:ring-2',
    'disabled:cursor-not-allowed disabled:opacity-60',
    invalid ? 'ring-red-500/70 focus:ring-red-400' : 'ring-zinc-700 hover:ring-zinc-600 focus:ring-sky-400',
  );

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode | undefined;
  error?: string | undefined;
  hintId: string;
  errorId: string;
  children: ReactNode;
  className?: string | undefined;
}

function FieldShell({ id, label, hint, error, hintId, errorId, children, className }: FieldShellProps) {
  return (
    <div className={cn('space-y-1.5', className)}>
      <label htmlFor={id} className="block text-[13px] font-medium text-zinc-200">
        {label}
      </label>
      {children}
      {error ? (
        <p id={errorId} className="flex gap-1.5 text-[13px] text-red-300">
          {capitalize(error)}
        </p>
      ) : hint ? (
        <p id={hintId} className="text-[13px] text-zinc-400">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Server messages are fragments like "must be at least 10 characters"; show them as sentences. */
const capitalize = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

function useFieldIds(explicitId: string | undefined) {
  const generated = useId();
  const id = explicitId ?? generated;
  return { id, hintId: `${id}-hint`, errorId: `${id}-error` };
}

const describedBy = (error: string | undefined, hint: ReactNode, ids: { hintId: string; errorId: string }) =>
  error ? ids.errorId : hint ? ids.hintId : undefined;

interface TextFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'children'> {
  /** The visible label, which is also the accessible name tests and screen readers use. */
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  containerClassName?: string;
}

export function TextField({
  label,
  hint,
  error,
  id,
  className,
  containerClassName,
  ...props
}: TextFieldProps) {
  const ids = useFieldIds(id);
  return (
    <FieldShell {...ids} label={label} hint={hint} error={error} className={containerClassName}>
      <input
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error, hint, ids)}
        className={cn(controlClasses(Boolean(error)), 'h-9', className)}
        {...props}
      />
    </FieldShell>
  );
}

interface SelectFieldProps extends ComponentPropsWithRef<'select'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  containerClassName?: string;
}

export function SelectField({
  label,
  hint,
  error,
  id,
  className,
  containerClassName,
  children,
  ...props
}: SelectFieldProps) {
  const ids = useFieldIds(id);
  return (
    <FieldShell {...ids} label={label} hint={hint} error={error} className={containerClassName}>
      <select
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error, hint, ids)}
        className={cn(controlClasses(Boolean(error)), 'h-9 pr-8', className)}
        {...props}
      >
        {children}
      </select>
    </FieldShell>
  );
}

interface TextAreaFieldProps extends Omit<ComponentPropsWithRef<'textarea'>, 'children'> {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  containerClassName?: string;
}

export function TextAreaField({
  label,
  hint,
  error,
  id,
  className,
  containerClassName,
  ...props
}: TextAreaFieldProps) {
  const ids = useFieldIds(id);
  return (
    <FieldShell {...ids} label={label} hint={hint} error={error} className={containerClassName}>
      <textarea
        id={ids.id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error, hint, ids)}
        className={cn(controlClasses(Boolean(error)), 'min-h-24 resize-y py-2 leading-relaxed', className)}
        {...props}
      />
    </FieldShell>
  );
}
