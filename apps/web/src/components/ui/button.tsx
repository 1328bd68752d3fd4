import type { ComponentPropsWithRef } from 'react';
import { cn } from '../../lib/cn';
import { Spinner } from './spinner';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';
type Size = 'sm' | 'md';

const variants: Record<Variant, string> = {
  primary: 'bg-zinc-100 text-zinc-900 hover:bg-white active:bg-zinc-200 shadow-sm shadow-black/40',
  secondary:
    'bg-zinc-800 text-zinc-100 ring-1 ring-inset ring-zinc-700 hover:bg-zinc-700/80 hover:ring-zinc-600 active:bg-zinc-800',
  ghost: 'text-zinc-300 hover:bg-zinc-800 hover:text-zinc-50',
  danger: 'bg-red-950/60 text-red-200 ring-1 ring-inset ring-red-900 hover:bg-red-900/60 hover:text-red-100',
};

const sizes: Record<Size, string> = {
  sm: 'h-8 gap-1.5 rounded-md px-2.5 text-[13px]',
  md: 'h-9 gap-2 rounded-md px-3.5 text-sm',
};

export const buttonClasses = (variant: Variant = 'secondary', size: Size = 'md', className?: string) =>
  cn(
    'inline-flex select-none items-center justify-center font-medium whitespace-nowrap transition-colors',
    'disabled:pointer-events-none disabled:opacity-55',
    variants[variant],
    sizes[size],
    className,
  );

interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: Variant;
  size?: Size;
  /** Shows a spinner and blocks double submits; the accessible name stays the same. */
  isLoading?: boolean;
}

export function Button({
  variant = 'secondary',
  size = 'md',
  isLoading = false,
  type = 'button',
  disabled,
  className,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      disabled={disabled || isLoading}
      aria-busy={isLoading || undefined}
      className={buttonClasses(variant, size, className)}
      {...props}
    >
      {isLoading && <Spinner className="size-3.5" />}
      {children}
    </button>
  );
}
