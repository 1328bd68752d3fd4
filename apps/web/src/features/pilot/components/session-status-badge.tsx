import { Badge } from '../../../components/ui/badge';
import type { SessionStatus } from '../types';
import { statusLabels, statusTones } from './session-labels';

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  return <Badge tone={statusTones[status]}>{statusLabels[status]}</Badge>;
}
