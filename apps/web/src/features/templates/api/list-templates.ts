import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { ScriptTemplateList } from '../types';
import { templateKeys, type TemplateFilters } from './query-keys';

const PAGE_SIZE = 100;

export const listTemplates = (filters: TemplateFilters, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<ScriptTemplateList>('/script-templates', {
    query: { q: filters.q, category: filters.category, language: filters.language, limit: PAGE_SIZE },
    signal,
  });

export const listTemplatesQueryOptions = (filters: TemplateFilters) =>
  queryOptions({
    queryKey: templateKeys.list(filters),
    queryFn: ({ signal }) => listTemplates(filters, { signal }),
  });

/** The account's templates and the built-ins; keeps the previous results while a search loads. */
export const useTemplates = (filters: TemplateFilters) =>
  useQuery({ ...listTemplatesQueryOptions(filters), placeholderData: keepPreviousData });
