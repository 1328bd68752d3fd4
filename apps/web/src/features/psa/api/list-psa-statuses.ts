import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaOption } from '../types';
import { psaKeys } from './query-keys';

export const listPsaStatuses = (boardId: string | null, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<{ items: PsaOption[] }>(
    `/integrations/psa/statuses${boardId ? `?board_id=${encodeURIComponent(boardId)}` : ''}`,
    { signal },
  );

export const usePsaStatuses = (boardId: string | null, enabled: boolean) =>
  useQuery({
    queryKey: psaKeys.statuses(boardId),
    queryFn: ({ signal }) => listPsaStatuses(boardId, { signal }),
    enabled,
  });
