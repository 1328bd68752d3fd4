import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaTicketSummary } from '../types';
import { psaKeys } from './query-keys';

export const searchPsaTickets = (query: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<{ items: PsaTicketSummary[] }>(`/integrations/psa/tickets?q=${encodeURIComponent(query)}`, {
    signal,
  });

export const usePsaTicketSearch = (query: string, enabled: boolean) =>
  useQuery({
    queryKey: psaKeys.tickets(query),
    queryFn: ({ signal }) => searchPsaTickets(query, { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
