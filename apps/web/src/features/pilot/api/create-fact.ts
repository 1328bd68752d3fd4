import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Fact } from '../types';
import { pilotKeys } from './query-keys';

export const createFact = ({ sessionId, text }: { sessionId: string; text: string }) =>
  apiClient.post<Fact>(`/ai-sessions/${encodeURIComponent(sessionId)}/facts`, { body: { text } });

export function useCreateFact(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => createFact({ sessionId, text }),
    // A note changes what the resolution note would say, so the session's state_version moves too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pilotKeys.session(sessionId) }),
  });
}
