import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { ScriptTemplate } from '../types';
import { templateKeys } from './query-keys';

export const getTemplate = (id: string, { signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<ScriptTemplate>(`/script-templates/${encodeURIComponent(id)}`, { signal });

export const getTemplateQueryOptions = (id: string) =>
  queryOptions({ queryKey: templateKeys.detail(id), queryFn: ({ signal }) => getTemplate(id, { signal }) });

export const useTemplate = (id: string | null) =>
  useQuery({ ...getTemplateQueryOptions(id ?? ''), enabled: Boolean(id) });
