import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaTicketLink } from '../types';
import { psaKeys } from './query-keys';

export const getPsaTicketLink = (sessionId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<PsaTicketLink>(`/ai-sessions/${encodeURIComponent(sessionId)}/psa-ticket`, { signal });

/** The ticket a session came from; a 404 (no ticket) is an answer, not an error to retry. */
export const usePsaTicketLink = (sessionId: string, enabled: boolean) =>
  useQuery({
    queryKey: psaKeys.link(sessionId),
    queryFn: ({ signal }) => getPsaTicketLink(sessionId, { signal }).catch(() => null),
    enabled,
    staleTime: Infinity,
  });
