import { useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { IconPlus } from '../../../components/ui/icons';
import { PageHeader } from '../../../components/ui/page-header';
import { Panel } from '../../../components/ui/panel';
import { NewSessionForm } from '../../../features/pilot/components/new-session-form';
import { SessionList } from '../../../features/pilot/components/session-list';
import { useAttachmentSlot } from '../../compose/use-attachment-slot';

export function PilotRoute() {
  const [isIntakeOpen, setIsIntakeOpen] = useState(false);
  const newSessionButton = useRef<HTMLButtonElement>(null);

  const openIntake = () => {
    setIsIntakeOpen(true);
    // Straight into the description, once the intake has rendered.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('#new-session textarea[name="text"]')?.focus(),
    );
  };
  const closeIntake = () => {
    setIsIntakeOpen(false);
    requestAnimationFrame(() => newSessionButton.current?.focus());
  };

  return (
    <>
      <title>Pilot sessions · FlowPilot</title>
      <PageHeader
        title="Pilot sessions"
        description="Troubleshooting sessions opened from a ticket or a problem description."
        actions={
          <Button
            ref={newSessionButton}
            variant="primary"
            aria-expanded={isIntakeOpen}
            aria-controls={isIntakeOpen ? 'new-session' : undefined}
            onClick={openIntake}
          >
            <IconPlus className="size-4" />
            New session
          </Button>
        }
      />
      <div className="space-y-6">
        {isIntakeOpen && (
          <div id="new-session">
            <Panel
              title="New session"
              description="The assistant reads the intake and starts asking what it needs to know."
            >
              <IntakeForm onCancel={closeIntake} />
            </Panel>
          </div>
        )}
        <SessionList />
      </div>
    </>
  );
}

/** The intake form with its own tray: mounted with the form, so closing it drops unsent files. */
function IntakeForm({ onCancel }: { onCancel: () => void }) {
  const attachments = useAttachmentSlot();
  return <NewSessionForm onCancel={onCancel} attachments={attachments} />;
}
