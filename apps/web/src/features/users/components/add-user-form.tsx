import { useRef, useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { SelectField, TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { IconPlus } from '../../../components/ui/icons';
import { isApiError } from '../../../lib/api-client';
import { focusFirstInvalid } from '../../../lib/focus-first-invalid';
import type { AccountRole } from '../../../types/api';
import { useCreateUser } from '../api/create-user';
import { roleDescriptions, roleLabels } from './role-label';

const FIELDS = ['name', 'email', 'password', 'account_role'] as const;
const ROLES: AccountRole[] = ['engineer', 'viewer', 'owner'];

/** Owner-only: adds a user to the account with an initial password they share out of band. */
export function AddUserForm() {
  const createUser = useCreateUser();
  const formRef = useRef<HTMLFormElement>(null);
  const [role, setRole] = useState<AccountRole>('engineer');
  const [added, setAdded] = useState<string | null>(null);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAdded(null);
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '');
    createUser.mutate(
      { name: value('name'), email: value('email'), password: value('password'), account_role: role },
      {
        onSuccess: (user) => {
          formRef.current?.reset();
          setRole('engineer');
          setAdded(
            `${user.name} (${user.email}) was added as ${roleLabels[user.account_role].toLowerCase()}.`,
          );
        },
        onError: () => focusFirstInvalid(formRef.current),
      },
    );
  };

  const fieldError = (name: string) =>
    isApiError(createUser.error) ? createUser.error.fieldError(name) : undefined;

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate className="space-y-4">
      <FormError error={createUser.error} fields={FIELDS} />
      {added && !createUser.error && <Alert tone="success">{added}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" autoComplete="off" required error={fieldError('name')} />
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          required
          error={fieldError('email')}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint="Initial password, at least 10 characters."
          error={fieldError('password')}
        />
        <SelectField
          label="Role"
          name="account_role"
          value={role}
          onChange={(event) => setRole(event.target.value as AccountRole)}
          hint={roleDescriptions[role]}
          error={fieldError('account_role')}
        >
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {roleLabels[option]}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="flex justify-end">
        <Button type="submit" variant="primary" isLoading={createUser.isPending}>
          {!createUser.isPending && <IconPlus className="size-4" />}
          Add user
        </Button>
      </div>
    </form>
  );
}
