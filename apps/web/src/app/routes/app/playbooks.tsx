import { PageHeader } from '../../../components/ui/page-header';
import { useMe } from '../../../features/auth/api/get-me';
import { KnowledgeGaps } from '../../../features/knowledge/components/knowledge-gaps';
import { PlaybookLibrary } from '../../../features/knowledge/components/playbook-library';
import { ProposalQueue } from '../../../features/knowledge/components/proposal-queue';

export function PlaybooksRoute() {
  const me = useMe();
  const isOwner = me.data?.user.account_role === 'owner';
  const canEdit = me.data !== undefined && me.data.user.account_role !== 'viewer';
  return (
    <>
      <title>Playbooks · FlowPilot</title>
      <PageHeader
        title="Playbooks"
        description="What the offline assistant works from: the built-ins and your team's own, learnt from resolved sessions."
      />
      <div className="space-y-8">
        {isOwner && <ProposalQueue />}
        <PlaybookLibrary canEdit={canEdit} isOwner={isOwner} />
        <KnowledgeGaps />
      </div>
    </>
  );
}
