import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FactList } from '../types';
import { pilotKeys } from './query-keys';

export const deleteFact = ({ sessionId, factId }: { sessionId: string; factId: string }) =>
  apiClient.delete<void>(`/ai-sessions/${encodeURIComponent(sessionId)}/facts/${encodeURIComponent(factId)}`);

export function useDeleteFact(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (factId: string) => deleteFact({ sessionId, factId }),
    onSuccess: (_, factId) => {
      queryClient.setQueryData<FactList>(pilotKeys.facts(sessionId), (list) =>
        list ? { items: list.items.filter((item) => item.id !== factId) } : list,
      );
      return queryClient.invalidateQueries({ queryKey: pilotKeys.session(sessionId) });
    },
  });
}
