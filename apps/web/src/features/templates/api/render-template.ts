import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { RenderTemplateResponse } from '../types';
import { templateKeys } from './query-keys';

export const renderTemplate = (
  id: string,
  parameters: Record<string, unknown>,
  { signal }: { signal?: AbortSignal } = {},
) =>
  apiClient.post<RenderTemplateResponse>(`/script-templates/${encodeURIComponent(id)}/render`, {
    body: { parameters },
    signal,
  });

/**
 * A live preview: rendering stores nothing, so it is a query keyed by the values (debounced by
 * the caller). Invalid values answer 422 with field errors, which the form shows.
 */
export const renderTemplateQueryOptions = (id: string, parameters: Record<string, unknown>) =>
  queryOptions({
    queryKey: templateKeys.render(id, parameters),
    queryFn: ({ signal }) => renderTemplate(id, parameters, { signal }),
    staleTime: 5 * 60_000,
  });

export const useRenderPreview = (id: string, parameters: Record<string, unknown>) =>
  useQuery({ ...renderTemplateQueryOptions(id, parameters), placeholderData: keepPreviousData });
