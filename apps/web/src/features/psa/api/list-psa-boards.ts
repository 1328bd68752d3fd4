import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaOption } from '../types';
import { psaKeys } from './query-keys';

export const listPsaBoards = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<{ items: PsaOption[] }>('/integrations/psa/boards', { signal });

export const usePsaBoards = (enabled: boolean) =>
  useQuery({ queryKey: psaKeys.boards(), queryFn: ({ signal }) => listPsaBoards({ signal }), enabled });
