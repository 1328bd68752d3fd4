import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { TemplateCategoryList } from '../types';
import { templateKeys } from './query-keys';

export const listCategories = ({ signal }: { signal?: AbortSignal } = {}) =>
  apiClient.get<TemplateCategoryList>('/script-templates/categories', { signal });

export const listCategoriesQueryOptions = () =>
  queryOptions({ queryKey: templateKeys.categories(), queryFn: ({ signal }) => listCategories({ signal }) });

export const useTemplateCategories = () => useQuery(listCategoriesQueryOptions());
