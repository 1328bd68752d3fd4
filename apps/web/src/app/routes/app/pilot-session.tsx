import { useParams } from 'react-router';
import { AssistantIndicator } from '../../../features/health/components/assistant-indicator';
import { PilotSessionView } from '../../../features/pilot/components/pilot-session-view';

export function PilotSessionRoute() {
  const { id = '' } = useParams();
  // Keyed by id: moving to another session starts with fresh stream state.
  return <PilotSessionView key={id} sessionId={id} assistant={<AssistantIndicator />} />;
}
