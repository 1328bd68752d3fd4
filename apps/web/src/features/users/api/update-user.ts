import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { UpdateUserRequest, User } from '../../../types/api';
import { usersQueryKey } from './list-users';

export interface UpdateUserInput {
  id: string;
  changes: UpdateUserRequest;
}

export const updateUser = ({ id, changes }: UpdateUserInput) =>
  apiClient.patch<User>(`/users/${encodeURIComponent(id)}`, { body: changes });

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
}
