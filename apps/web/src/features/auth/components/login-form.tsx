import { useRef, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { isApiError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { useLogin } from '../api/login';

const FIELDS = ['email', 'password'] as const;

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin();
  const formRef = useRef<HTMLFormElement>(null);
  const error = login.error;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      { onSuccess, onError: () => focusFirstInvalid(formRef.current) },
    );
  };

  const fieldError = (name: string) => (isApiError(error) ? error.fieldError(name) : undefined);

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate className="space-y-4">
      <FormError error={error} fields={FIELDS} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        required
        autoFocus
        error={fieldError('email')}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError('password')}
      />
      <Button type="submit" variant="primary" className="w-full" isLoading={login.isPending}>
        Sign in
      </Button>
    </form>
  );
}
