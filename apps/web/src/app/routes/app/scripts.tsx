import { Badge } from '../../../components/ui/badge';
import { buttonClasses } from '../../../components/ui/button';
import { PageHeader } from '../../../components/ui/page-header';
import { useMe } from '../../../features/auth/api/get-me';
import { usePendingDrafts } from '../../../features/templates/api/list-draft-templates';
import { DRAFT_REVIEW_ID, DraftReview } from '../../../features/templates/components/draft-review';
import { TemplateLibrary } from '../../../features/templates/components/template-library';

export function ScriptsRoute() {
  // The layout only renders pages once `/auth/me` has loaded, so this is a cache hit.
  const me = useMe();
  const isOwner = me.data?.user.account_role === 'owner';
  // Viewers read the library; engineers and owners change the account's own templates.
  const canEdit = me.data !== undefined && me.data.user.account_role !== 'viewer';
  const drafts = usePendingDrafts({ enabled: isOwner });
  const pending = drafts.data?.pending_count ?? 0;

  return (
    <>
      <title>Scripts · FlowPilot</title>
      <PageHeader
        title="Scripts"
        description="The account's script template library and the built-ins: typed parameters, values quoted safely when rendered."
        actions={
          isOwner && (
            <a href={`#${DRAFT_REVIEW_ID}`} className={buttonClasses('secondary', 'sm')}>
              Draft review
              <Badge tone={pending > 0 ? 'warning' : 'neutral'} className="tabular-nums">
                <span className="sr-only">, </span>
                {pending}
                <span className="sr-only"> pending</span>
              </Badge>
            </a>
          )
        }
      />
      <div className="space-y-8">
        {isOwner && <DraftReview />}
        <TemplateLibrary canEdit={canEdit} />
      </div>
    </>
  );
}
