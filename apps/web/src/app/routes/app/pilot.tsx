import { EmptyState } from '../../../components/ui/empty-state';
import { IconMessages } from '../../../components/ui/icons';
import { PageHeader } from '../../../components/ui/page-header';

export function PilotRoute() {
  return (
    <>
      <title>Pilot sessions · FlowPilot</title>
      <PageHeader
        title="Pilot sessions"
        description="Troubleshooting sessions opened from a ticket or a problem description."
      />
      <EmptyState icon={<IconMessages className="size-5" />} title="No pilot sessions yet">
        Each session keeps the conversation, what has been confirmed, the checks run and the suggested fix,
        and ends with a resolution note or an escalation package.
      </EmptyState>
    </>
  );
}
