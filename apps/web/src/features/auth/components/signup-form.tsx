import { useRef, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { isApiError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import { useSignup } from '../api/signup';

const FIELDS = ['name', 'email', 'account_name', 'password'] as const;

export function SignupForm({ onSuccess }: { onSuccess: () => void }) {
  const signup = useSignup();
  const formRef = useRef<HTMLFormElement>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    signup.mutate(
      {
        name: value('name'),
        email: value('email'),
        account_name: value('account_name'),
        password: value('password'),
      },
      { onSuccess, onError: () => focusFirstInvalid(formRef.current) },
    );
  };

  // Validation is the server's: one set of rules, one set of messages, shown next to each field.
  const fieldError = (name: string) => (isApiError(signup.error) ? signup.error.fieldError(name) : undefined);

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate className="space-y-4">
      <FormError error={signup.error} fields={FIELDS} />
      <TextField label="Name" name="name" autoComplete="name" required autoFocus error={fieldError('name')} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        required
        error={fieldError('email')}
      />
      <TextField
        label="Account name"
        name="account_name"
        autoComplete="organization"
        required
        hint="Your company or team. You will be its owner."
        error={fieldError('account_name')}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters. A passphrase works well."
        error={fieldError('password')}
      />
      <Button type="submit" variant="primary" className="w-full" isLoading={signup.isPending}>
        Create account
      </Button>
    </form>
  );
}
