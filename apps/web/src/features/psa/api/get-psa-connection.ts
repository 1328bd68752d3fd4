import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { PsaConnection } from '../types';
import { psaKeys } from './query-keys';

export const getPsaConnection = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<PsaConnection>('/integrations/psa', { signal });

export const psaConnectionQueryOptions = () =>
  queryOptions({ queryKey: psaKeys.connection(), queryFn: ({ signal }) => getPsaConnection({ signal }) });

export const usePsaConnection = () => useQuery(psaConnectionQueryOptions());
