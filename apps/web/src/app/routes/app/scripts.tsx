import { EmptyState } from '../../../components/ui/empty-state';
import { IconScroll } from '../../../components/ui/icons';
import { PageHeader } from '../../../components/ui/page-header';

export function ScriptsRoute() {
  return (
    <>
      <title>Scripts · FlowPilot</title>
      <PageHeader
        title="Scripts"
        description="The account's script template library: typed parameters, values quoted safely when rendered."
      />
      <EmptyState icon={<IconScroll className="size-5" />} title="No templates listed">
        Templates saved from pilot sessions and the Script Builder appear here with their parameters, next to
        the templates built into FlowPilot.
      </EmptyState>
    </>
  );
}
