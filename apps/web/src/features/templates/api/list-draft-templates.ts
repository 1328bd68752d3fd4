import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { DraftTemplateList } from '../types';
import { templateKeys } from './query-keys';

export const listPendingDrafts = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<DraftTemplateList>('/draft-templates', { query: { status: 'pending' }, signal });

export const listPendingDraftsQueryOptions = () =>
  queryOptions({ queryKey: templateKeys.drafts(), queryFn: ({ signal }) => listPendingDrafts({ signal }) });

/** The owner's review queue with its pending count; the route answers 403 to anyone else. */
export const usePendingDrafts = ({ enabled }: { enabled: boolean }) =>
  useQuery({ ...listPendingDraftsQueryOptions(), enabled });
