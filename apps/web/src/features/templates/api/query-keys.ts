import type { TemplateLanguage } from '../types';

export interface TemplateFilters {
  q: string;
  category: string;
  language: TemplateLanguage | '';
}

/** One place for the template feature's query keys, so mutations invalidate the right ones. */
export const templateKeys = {
  all: ['script-templates'] as const,
  lists: () => [...templateKeys.all, 'list'] as const,
  list: (filters: TemplateFilters) => [...templateKeys.lists(), filters] as const,
  categories: () => [...templateKeys.all, 'categories'] as const,
  detail: (id: string) => [...templateKeys.all, 'detail', id] as const,
  matches: (sessionId: string) => [...templateKeys.all, 'match', sessionId] as const,
  render: (id: string, parameters: Record<string, unknown>) =>
    [...templateKeys.all, 'render', id, parameters] as const,
  drafts: () => ['draft-templates', 'pending'] as const,
};
