import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { EscalationList } from '../types';
import { escalationKeys } from './query-keys';

export const listEscalations = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<EscalationList>('/escalations', { signal });

export const listEscalationsQueryOptions = () =>
  queryOptions({ queryKey: escalationKeys.list(), queryFn: ({ signal }) => listEscalations({ signal }) });

/** The account's queue (engineers and owners; viewers get 403, so they never ask). */
export const useEscalations = ({ enabled = true }: { enabled?: boolean } = {}) =>
  useQuery({ ...listEscalationsQueryOptions(), enabled });
