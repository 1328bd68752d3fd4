import { useParams } from 'react-router';
import { BuilderSessionView } from '../../../features/script-builder/components/builder-session-view';

export function ScriptBuilderSessionRoute() {
  const { id = '' } = useParams();
  // Keyed by id: another session starts with a fresh conversation and preview state.
  return <BuilderSessionView key={id} sessionId={id} />;
}
