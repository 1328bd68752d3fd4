import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { FormError } from '../../../components/ui/form-error';
import { IconUsers } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import type { AccountRole, User } from '../../../types/api';
import { useUsers } from '../api/list-users';
import { useUpdateUser } from '../api/update-user';
import { roleLabels } from './role-label';

interface UsersTableProps {
  currentUserId: string;
  /** Owners change roles and (de)activate users; everyone else reads. */
  canManage: boolean;
}

const headerCell = 'px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-zinc-400';
const bodyCell = 'h-12 px-3 py-1.5 align-middle whitespace-nowrap';

export function UsersTable({ currentUserId, canManage }: UsersTableProps) {
  const users = useUsers();
  const updateUser = useUpdateUser();

  if (users.isPending) {
    return (
      <div aria-busy="true" aria-label="Loading users" className="space-y-2">
        {[0, 1, 2].map((row) => (
          <div key={row} className="flex items-center gap-4 py-2">
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-4 w-16" />
          </div>
        ))}
      </div>
    );
  }

  if (users.isError) {
    return (
      <ErrorState
        title="Couldn't load users"
        error={users.error}
        onRetry={() => void users.refetch()}
        isRetrying={users.isFetching}
      />
    );
  }

  const items = users.data.items;
  if (items.length === 0) {
    return <EmptyState icon={<IconUsers className="size-5" />} title="No users yet" />;
  }

  const pendingId = updateUser.isPending ? updateUser.variables.id : undefined;

  return (
    <div className="space-y-3">
      <FormError error={updateUser.error} fields={[]} />
      <div className="-mx-4 overflow-x-auto">
        <table className="w-full min-w-[560px] border-collapse text-[13px]">
          <caption className="sr-only">Users of this account</caption>
          <thead>
            <tr className="border-b border-zinc-800">
              <th scope="col" className={`${headerCell} pl-4`}>
                Name
              </th>
              <th scope="col" className={headerCell}>
                Email
              </th>
              <th scope="col" className={headerCell}>
                Role
              </th>
              <th scope="col" className={headerCell}>
                Status
              </th>
              {canManage && (
                <th scope="col" className={`${headerCell} pr-4 text-right`}>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-800/70">
            {items.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isSelf={user.id === currentUserId}
                canManage={canManage}
                isSaving={pendingId === user.id}
                onChange={(changes) => updateUser.mutate({ id: user.id, changes })}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface UserRowProps {
  user: User;
  isSelf: boolean;
  canManage: boolean;
  isSaving: boolean;
  onChange: (changes: { account_role?: AccountRole; is_active?: boolean }) => void;
}

function UserRow({ user, isSelf, canManage, isSaving, onChange }: UserRowProps) {
  // Owners cannot demote or deactivate themselves here: locking yourself out is one click too easy.
  const editable = canManage && !isSelf;
  return (
    <tr className={user.is_active ? undefined : 'text-zinc-400'}>
      <td className={`${bodyCell} pl-4`}>
        <span className="font-medium text-zinc-100">{user.name}</span>
        {isSelf && (
          <Badge tone="accent" className="ml-2">
            You
          </Badge>
        )}
      </td>
      <td className={`${bodyCell} text-zinc-300`}>{user.email}</td>
      <td className={bodyCell}>
        {editable ? (
          <select
            aria-label={`Role for ${user.name}`}
            value={user.account_role}
            disabled={isSaving}
            onChange={(event) => onChange({ account_role: event.target.value as AccountRole })}
            className="h-7 rounded bg-zinc-900 px-2 text-[13px] text-zinc-100 ring-1 ring-inset ring-zinc-700 hover:ring-zinc-600 focus:ring-2 focus:ring-sky-400 focus:outline-none"
          >
            {(Object.keys(roleLabels) as AccountRole[]).map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        ) : (
          <span className="text-zinc-200">{roleLabels[user.account_role]}</span>
        )}
      </td>
      <td className={bodyCell}>
        {user.is_active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>}
      </td>
      {canManage && (
        <td className={`${bodyCell} pr-4 text-right`}>
          {editable && (
            <Button
              size="sm"
              variant={user.is_active ? 'ghost' : 'secondary'}
              isLoading={isSaving}
              aria-label={`${user.is_active ? 'Deactivate' : 'Activate'} ${user.name}`}
              onClick={() => onChange({ is_active: !user.is_active })}
            >
              {user.is_active ? 'Deactivate' : 'Activate'}
            </Button>
          )}
        </td>
      )}
    </tr>
  );
}
