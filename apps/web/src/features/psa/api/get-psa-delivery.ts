import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaDelivery } from '../types';
import { psaKeys } from './query-keys';

export const getPsaDelivery = (sessionId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<PsaDelivery>(`/ai-sessions/${encodeURIComponent(sessionId)}/psa-delivery`, { signal });

/** Polls while the PSA still owes an answer; stops once delivered or failed. */
export const usePsaDelivery = (sessionId: string, enabled: boolean) =>
  useQuery({
    queryKey: psaKeys.delivery(sessionId),
    queryFn: ({ signal }) => getPsaDelivery(sessionId, { signal }),
    enabled,
    retry: false,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 2_000 : false),
  });
