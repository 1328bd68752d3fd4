import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { UserList } from '../../../types/api';

export const listUsers = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<UserList>('/users', { signal });

export const usersQueryKey = ['users'] as const;

export const listUsersQueryOptions = () =>
  queryOptions({ queryKey: usersQueryKey, queryFn: ({ signal }) => listUsers({ signal }) });

export const useUsers = () => useQuery(listUsersQueryOptions());
