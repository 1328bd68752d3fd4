import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Fact, FactList } from '../types';
import { pilotKeys } from './query-keys';

export const updateFact = ({
  sessionId,
  factId,
  text,
}: {
  sessionId: string;
  factId: string;
  text: string;
}) =>
  apiClient.patch<Fact>(`/ai-sessions/${encodeURIComponent(sessionId)}/facts/${encodeURIComponent(factId)}`, {
    body: { text },
  });

export function useUpdateFact(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ factId, text }: { factId: string; text: string }) =>
      updateFact({ sessionId, factId, text }),
    onSuccess: (fact) => {
      // The new words at once, not after a refetch (the editor closes onto them).
      queryClient.setQueryData<FactList>(pilotKeys.facts(sessionId), (list) =>
        list ? { items: list.items.map((item) => (item.id === fact.id ? fact : item)) } : list,
      );
      // A corrected fact changes what the note and the package would say: state_version moves too.
      return queryClient.invalidateQueries({ queryKey: pilotKeys.session(sessionId) });
    },
  });
}
