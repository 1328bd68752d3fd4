import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { TemplateMatchList } from '../types';
import { templateKeys } from './query-keys';

export const matchTemplates = (sessionId: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<TemplateMatchList>('/script-templates/match', {
    query: { ai_session_id: sessionId },
    signal,
  });

export const matchTemplatesQueryOptions = (sessionId: string) =>
  queryOptions({
    queryKey: templateKeys.matches(sessionId),
    queryFn: ({ signal }) => matchTemplates(sessionId, { signal }),
  });

/** Templates ranked for the session's active fix; only asked for when `enabled`. */
export const useTemplateMatches = (sessionId: string, enabled: boolean) =>
  useQuery({ ...matchTemplatesQueryOptions(sessionId), enabled });
