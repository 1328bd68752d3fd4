import { EmptyState } from '../../../components/ui/empty-state';
import { IconCode } from '../../../components/ui/icons';
import { PageHeader } from '../../../components/ui/page-header';

export function ScriptBuilderRoute() {
  return (
    <>
      <title>Script Builder · FlowPilot</title>
      <PageHeader
        title="Script Builder"
        description="Draft PowerShell, bash or Python scripts with the assistant. FlowPilot never runs them."
      />
      <EmptyState icon={<IconCode className="size-5" />} title="No script builder sessions">
        Builder sessions you keep open are listed here, up to five at a time. A finished script can be saved
        to the template library.
      </EmptyState>
    </>
  );
}
