import { useParams } from 'react-router';
import { AssistantIndicator } from '../../../features/health/components/assistant-indicator';
import { SeenBefore } from '../../../features/knowledge/components/seen-before';
import { PilotSessionView } from '../../compose/pilot-session-view';
import { renderAttachmentList, useAttachmentSlot } from '../../compose/use-attachment-slot';

export function PilotSessionRoute() {
  const { id = '' } = useParams();
  // Keyed by id: moving to another session starts with fresh stream state and an empty tray.
  return <PilotSession key={id} sessionId={id} />;
}

function PilotSession({ sessionId }: { sessionId: string }) {
  const composer = useAttachmentSlot();
  return (
    <PilotSessionView
      sessionId={sessionId}
      assistant={<AssistantIndicator />}
      attachments={{ composer, renderList: renderAttachmentList }}
      seenBefore={<SeenBefore sessionId={sessionId} />}
    />
  );
}
