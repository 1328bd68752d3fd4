import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { StatusDot } from '../../../components/ui/badge';
import { SelectField, TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { Skeleton } from '../../../components/ui/skeleton';
import { describeError, isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format-relative-time';
import { useDeletePsaConnection } from '../api/delete-psa-connection';
import { findPsaMembers } from '../api/find-psa-members';
import { usePsaConnection } from '../api/get-psa-connection';
import { usePsaBoards } from '../api/list-psa-boards';
import { usePsaStatuses } from '../api/list-psa-statuses';
import { useSavePsaConnection } from '../api/save-psa-connection';
import { useTestPsaConnection } from '../api/test-psa-connection';
import type { PsaConnection, PsaConnectionRequest, PsaProvider } from '../types';

export const providerNames: Record<PsaProvider, string> = {
  connectwise: 'ConnectWise PSA',
  halopsa: 'HaloPSA',
  autotask: 'Autotask',
};

interface FieldSpec {
  name: string;
  label: string;
  secret?: boolean;
  optional?: boolean;
  placeholder?: string;
  hint?: string;
}

const providerFields: Record<PsaProvider, FieldSpec[]> = {
  connectwise: [
    {
      name: 'site_url',
      label: 'Site URL',
      placeholder: 'https://api-na.myconnectwise.net',
      hint: "The API host's base URL.",
    },
    { name: 'company_id', label: 'Company ID' },
    {
      name: 'client_id',
      label: 'Client ID',
      hint: 'The integration GUID from the ConnectWise developer portal.',
    },
    { name: 'public_key', label: 'Public key', secret: true },
    { name: 'private_key', label: 'Private key', secret: true },
  ],
  halopsa: [
    { name: 'base_url', label: 'Halo URL', placeholder: 'https://yourcompany.halopsa.com' },
    { name: 'client_id', label: 'Client ID' },
    { name: 'client_secret', label: 'Client secret', secret: true },
  ],
  autotask: [
    { name: 'username', label: 'API username' },
    { name: 'integration_code', label: 'Integration code', secret: true },
    { name: 'secret', label: 'Secret', secret: true },
    {
      name: 'zone_url',
      label: 'Zone URL',
      optional: true,
      hint: 'Optional: looked up from the username when blank.',
    },
  ],
};

export interface PsaSettingsUser {
  id: string;
  name: string;
  email: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : value == null ? '' : String(value));

function ConnectionStatus({ connection }: { connection: PsaConnection }) {
  const tone = connection.status === 'connected' ? 'ok' : connection.status === 'error' ? 'down' : 'unknown';
  const label =
    connection.status === 'connected'
      ? `Connected to ${providerNames[connection.provider!]}`
      : connection.status === 'error'
        ? `${providerNames[connection.provider!]}: connection failing`
        : 'Not connected';
  return (
    <div
      role="status"
      aria-label="PSA connection status"
      className="flex flex-wrap items-center gap-2 text-[13px] text-zinc-200"
    >
      <StatusDot tone={tone} />
      <span>{label}</span>
      {connection.last_checked_at && (
        <span className="text-zinc-500">· checked {formatDateTime(connection.last_checked_at)}</span>
      )}
      {connection.last_error && <span className="w-full text-red-300">{connection.last_error}</span>}
    </div>
  );
}

/**
 * The account's PSA connection (owners): one form per provider, tested by the server before it
 * is saved; then where resolved and escalated tickets go, time entries, and who is who.
 */
export function PsaSettings({ users, canManage }: { users: PsaSettingsUser[]; canManage: boolean }) {
  const connection = usePsaConnection();
  if (connection.isPending) return <Skeleton className="h-24" />;
  if (connection.isError) return <Alert tone="error">{describeError(connection.error).detail}</Alert>;
  return (
    <PsaSettingsForm
      key={`${connection.data.provider}:${connection.data.last_checked_at}`}
      connection={connection.data}
      users={users}
      canManage={canManage}
    />
  );
}

function PsaSettingsForm({
  connection,
  users,
  canManage,
}: {
  connection: PsaConnection;
  users: PsaSettingsUser[];
  canManage: boolean;
}) {
  const save = useSavePsaConnection();
  const test = useTestPsaConnection();
  const disconnect = useDeletePsaConnection();
  const [provider, setProvider] = useState<PsaProvider>(connection.provider ?? 'connectwise');
  const stored = connection.provider === provider;
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(connection.settings).map(([key, value]) => [key, str(value)])),
  );
  const initialMappings = Array.isArray(connection.settings.member_mappings)
    ? (connection.settings.member_mappings as { user_id: string; member_id: string }[])
    : [];
  const [members, setMembers] = useState<Record<string, string>>(() =>
    Object.fromEntries(initialMappings.map((m) => [m.user_id, m.member_id])),
  );
  const [postTime, setPostTime] = useState(connection.settings.post_time_entries === true);
  const [lookup, setLookup] = useState<Record<string, string>>({});
  const connected = connection.provider !== null && stored;
  const boards = usePsaBoards(connected && provider === 'connectwise');
  const boardId = values.board_id || null;
  const statuses = usePsaStatuses(boardId, connected && (provider !== 'connectwise' || boardId !== null));

  const set = (name: string, value: string) => setValues((current) => ({ ...current, [name]: value }));
  const fieldError = (name: string) => (isApiError(save.error) ? save.error.fieldError(name) : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: Record<string, unknown> = { provider };
    for (const field of providerFields[provider]) {
      const value = (values[field.name] ?? '').trim();
      if (value) body[field.name] = value;
    }
    if (connected) {
      body.board_id = values.board_id || null;
      body.resolved_status_id = values.resolved_status_id || null;
      body.escalated_status_id = values.escalated_status_id || null;
      body.post_time_entries = postTime;
      body.member_mappings = Object.entries(members)
        .filter(([, memberId]) => memberId.trim())
        .map(([userId, memberId]) => ({ user_id: userId, member_id: memberId.trim() }));
    }
    save.mutate(body as PsaConnectionRequest, {
      onSuccess: () =>
        setValues((current) =>
          Object.fromEntries(
            Object.entries(current).filter(
              ([key]) => !providerFields[provider].some((f) => f.secret && f.name === key),
            ),
          ),
        ),
    });
  };

  const findMember = async (user: PsaSettingsUser) => {
    setLookup((current) => ({ ...current, [user.id]: 'Looking up…' }));
    try {
      const { items } = await findPsaMembers(user.email);
      if (items[0]) {
        setMembers((current) => ({ ...current, [user.id]: items[0]!.id }));
        setLookup((current) => ({ ...current, [user.id]: `Found ${items[0]!.name}` }));
      } else {
        setLookup((current) => ({ ...current, [user.id]: 'No member with this email' }));
      }
    } catch (error) {
      setLookup((current) => ({ ...current, [user.id]: describeError(error).detail }));
    }
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <ConnectionStatus connection={connection} />
        {canManage && connection.provider && (
          <div className="flex gap-2">
            <Button size="sm" onClick={() => test.mutate()} isLoading={test.isPending}>
              Test connection
            </Button>
            <Button
              size="sm"
              variant="danger"
              onClick={() => disconnect.mutate()}
              isLoading={disconnect.isPending}
            >
              Disconnect
            </Button>
          </div>
        )}
      </div>
      {test.data && (
        <Alert tone={test.data.ok ? 'info' : 'error'}>
          {test.data.ok ? 'The PSA answered: connected.' : test.data.detail}
        </Alert>
      )}
      {!canManage ? (
        <Alert tone="info">Only account owners can connect a PSA.</Alert>
      ) : (
        <form onSubmit={submit} noValidate className="space-y-4" aria-label="PSA connection">
          <FormError error={save.error} fields={providerFields[provider].map((f) => f.name)} />
          <SelectField
            label="PSA"
            value={provider}
            onChange={(event) => setProvider(event.target.value as PsaProvider)}
          >
            {(Object.keys(providerNames) as PsaProvider[]).map((name) => (
              <option key={name} value={name}>
                {providerNames[name]}
              </option>
            ))}
          </SelectField>
          <div className="grid gap-4 sm:grid-cols-2">
            {providerFields[provider].map((field) => (
              <TextField
                key={`${provider}-${field.name}`}
                label={field.label}
                name={field.name}
                type={field.secret ? 'password' : 'text'}
                autoComplete={field.secret ? 'new-password' : 'off'}
                value={values[field.name] ?? ''}
                onChange={(event) => set(field.name, event.target.value)}
                placeholder={
                  field.secret && stored && connection.secrets_set.includes(field.name)
                    ? 'Stored — leave blank to keep'
                    : field.placeholder
                }
                hint={field.hint}
                error={fieldError(field.name)}
              />
            ))}
          </div>

          {connected && (
            <fieldset className="space-y-4 rounded-md p-3 ring-1 ring-zinc-800">
              <legend className="px-1 text-[13px] font-medium text-zinc-200">When a session closes</legend>
              {provider === 'connectwise' && (
                <SelectField
                  label="Board"
                  value={values.board_id ?? ''}
                  onChange={(event) => set('board_id', event.target.value)}
                >
                  <option value="">Choose a board</option>
                  {boards.data?.items.map((board) => (
                    <option key={board.id} value={board.id}>
                      {board.name}
                    </option>
                  ))}
                </SelectField>
              )}
              <div className="grid gap-4 sm:grid-cols-2">
                {(['resolved_status_id', 'escalated_status_id'] as const).map((name) => (
                  <SelectField
                    key={name}
                    label={name === 'resolved_status_id' ? 'Resolved status' : 'Escalated status'}
                    value={values[name] ?? ''}
                    onChange={(event) => set(name, event.target.value)}
                    hint={statuses.isError ? describeError(statuses.error).detail : undefined}
                  >
                    <option value="">Leave the status as it is</option>
                    {statuses.data?.items.map((status) => (
                      <option key={status.id} value={status.id}>
                        {status.name}
                      </option>
                    ))}
                  </SelectField>
                ))}
              </div>
              <label className="flex items-center gap-2 text-[13px] text-zinc-200">
                <input
                  type="checkbox"
                  checked={postTime}
                  onChange={(event) => setPostTime(event.target.checked)}
                  className="accent-sky-400"
                />
                Post a time entry for the session&apos;s duration
              </label>
              <table className="w-full text-left text-[13px]">
                <caption className="pb-2 text-left text-zinc-400">
                  Member mapping: who each engineer is in the PSA.
                </caption>
                <thead className="text-zinc-400">
                  <tr>
                    <th className="py-1 font-medium">Engineer</th>
                    <th className="py-1 font-medium">PSA member id</th>
                    <th className="py-1 font-medium">
                      <span className="sr-only">Find</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.map((user) => (
                    <tr key={user.id} className="border-t border-zinc-800">
                      <td className="py-1.5 pr-2 text-zinc-200">
                        {user.name}
                        <span className="block text-xs text-zinc-500">{user.email}</span>
                      </td>
                      <td className="py-1.5 pr-2">
                        <input
                          aria-label={`PSA member for ${user.name}`}
                          value={members[user.id] ?? ''}
                          onChange={(event) =>
                            setMembers((current) => ({ ...current, [user.id]: event.target.value }))
                          }
                          className="h-8 w-28 rounded-md bg-zinc-900 px-2 text-sm text-zinc-100 ring-1 ring-zinc-700 ring-inset focus:ring-2 focus:ring-sky-400 focus:outline-none"
                        />
                        {lookup[user.id] && (
                          <span className="ml-2 text-xs text-zinc-400">{lookup[user.id]}</span>
                        )}
                      </td>
                      <td className="py-1.5">
                        <Button size="sm" variant="ghost" onClick={() => void findMember(user)}>
                          Find by email
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </fieldset>
          )}
          <div className="flex justify-end">
            <Button type="submit" variant="primary" isLoading={save.isPending}>
              {connected ? 'Save connection' : 'Connect'}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
