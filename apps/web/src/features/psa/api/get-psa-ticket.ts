import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaTicket } from '../types';
import { psaKeys } from './query-keys';

export const getPsaTicket = (id: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<PsaTicket>(`/integrations/psa/tickets/${encodeURIComponent(id)}`, { signal });

export const usePsaTicket = (id: string | null) =>
  useQuery({
    queryKey: psaKeys.ticket(id ?? ''),
    queryFn: ({ signal }) => getPsaTicket(id!, { signal }),
    enabled: id !== null,
  });
