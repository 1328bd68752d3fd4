import { Alert } from '../../../components/ui/alert';
import { PageHeader } from '../../../components/ui/page-header';
import { Panel } from '../../../components/ui/panel';
import { useMe } from '../../../features/auth/api/get-me';
import { SystemStatus } from '../../../features/health/components/system-status';
import { AddUserForm } from '../../../features/users/components/add-user-form';
import { UsersTable } from '../../../features/users/components/users-table';
import { useUsers } from '../../../features/users/api/list-users';
import { PsaSettings } from '../../../features/psa/components/psa-settings';

export function SettingsRoute() {
  // The layout only renders pages once `/auth/me` has loaded, so this is a cache hit.
  const me = useMe();
  const users = useUsers();
  if (!me.data) return null;
  const { user, account } = me.data;
  const isOwner = user.account_role === 'owner';

  return (
    <>
      <title>Settings · FlowPilot</title>
      <PageHeader title="Settings" description={`Account: ${account.name}`} />
      <div className="space-y-6">
        <Panel
          title="Users"
          description={
            isOwner
              ? 'People who can sign in to this account, and what they may do.'
              : 'People in this account.'
          }
        >
          <UsersTable currentUserId={user.id} canManage={isOwner} />
        </Panel>

        <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Panel
            title="Add user"
            description="They sign in with this email and the initial password you set."
          >
            {isOwner ? (
              <AddUserForm />
            ) : (
              <Alert tone="info">Only account owners can add users or change roles.</Alert>
            )}
          </Panel>
          <Panel title="Assistant" description="The model backend this server uses.">
            <SystemStatus />
          </Panel>
        </div>

        <Panel
          title="PSA connection"
          description="Start sessions from ConnectWise PSA, HaloPSA or Autotask tickets and post the notes back."
        >
          <PsaSettings users={users.data?.items ?? []} canManage={isOwner} />
        </Panel>
      </div>
    </>
  );
}
