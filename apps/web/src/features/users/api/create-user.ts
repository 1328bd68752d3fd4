import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { CreateUserRequest, User } from '../../../types/api';
import { usersQueryKey } from './list-users';

export const createUser = (input: CreateUserRequest) => apiClient.post<User>('/users', { body: input });

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
