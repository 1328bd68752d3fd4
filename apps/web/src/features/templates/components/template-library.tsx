import { useEffect, useId, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { EmptyState } from '../../../components/ui/empty-state';
import { ErrorState } from '../../../components/ui/error-state';
import { IconScroll, IconSearch } from '../../../components/ui/icons';
import { Skeleton } from '../../../components/ui/skeleton';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useTemplateCategories } from '../api/list-categories';
import { useTemplates } from '../api/list-templates';
import type { TemplateFilters } from '../api/query-keys';
import { templateLanguages, type ScriptTemplate, type TemplateLanguage } from '../types';
import { describeSuccessRate, languageLabels } from './parameter-values';
import { TemplateDetail } from './template-detail';

const isLanguage = (value: string | null): value is TemplateLanguage =>
  value !== null && (templateLanguages as readonly string[]).includes(value);

const controlClasses =
  'h-9 rounded-md bg-zinc-900 text-sm text-zinc-100 ring-1 ring-inset ring-zinc-700 hover:ring-zinc-600 focus:ring-2 focus:ring-sky-400 focus:outline-none';

/**
 * The template library: search, category and language filters (kept in the URL), the list, and
 * the selected template with its parameter form and live preview.
 */
export function TemplateLibrary({ canEdit }: { canEdit: boolean }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const languageParam = searchParams.get('language');
  const language: TemplateLanguage | '' = isLanguage(languageParam) ? languageParam : '';
  const category = searchParams.get('category') ?? '';
  const selectedId = searchParams.get('template');
  const [query, setQuery] = useState(() => searchParams.get('q') ?? '');
  const debouncedQuery = useDebouncedValue(query.trim(), 300);
  const filters: TemplateFilters = { q: debouncedQuery, category, language };
  const templates = useTemplates(filters);
  const categories = useTemplateCategories();
  const searchId = useId();
  const categoryId = useId();
  const languageId = useId();
  const headingId = useId();
  const detailRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState('');
  const focusLibraryAfterDelete = useRef(false);

  const updateParams = (changes: Record<string, string>) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );

  const items = templates.data?.items ?? [];
  const selected = items.find((item) => item.id === selectedId) ?? null;
  const isFiltered = Boolean(debouncedQuery || category || language);

  // On narrow screens the detail sits below the list: bring it into view when chosen.
  const onDeleted = (template: ScriptTemplate) => {
    updateParams({ template: '' });
    setStatus(`“${template.name}” was deleted.`);
    focusLibraryAfterDelete.current = true;
  };
  // The detail (and the button that opened the dialog) is gone: continue from the library. In an
  // effect after the commit that unmounted the modal — its cleanup closes it first, and until then
  // the page behind it is inert and cannot take focus (a timer raced that on a busy machine).
  useEffect(() => {
    if (!focusLibraryAfterDelete.current || selected) return;
    focusLibraryAfterDelete.current = false;
    headingRef.current?.focus();
  }, [selected, selectedId]);

  const select = (template: ScriptTemplate) => {
    setStatus('');
    updateParams({ template: template.id });
    requestAnimationFrame(() => {
      if (window.matchMedia('(max-width: 1023px)').matches)
        detailRef.current?.scrollIntoView({ block: 'start' });
    });
  };

  const onQueryChange = (value: string) => {
    setQuery(value);
    updateParams({ q: value.trim() });
  };

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2
          id={headingId}
          ref={headingRef}
          tabIndex={-1}
          className="text-sm font-semibold text-zinc-100 focus:outline-none"
        >
          Template library
          {templates.data && (
            <span className="ml-2 rounded bg-zinc-800 px-1.5 text-[11px] font-medium text-zinc-400 tabular-nums">
              {items.length}
            </span>
          )}
        </h2>
        <div role="search" className="flex flex-wrap items-center gap-2">
          <label htmlFor={searchId} className="sr-only">
            Search templates
          </label>
          <div className="relative">
            <IconSearch className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-500" />
            <input
              id={searchId}
              type="search"
              value={query}
              onChange={(event) => onQueryChange(event.target.value)}
              placeholder="Search name, description…"
              autoComplete="off"
              className={`${controlClasses} w-60 max-w-full pr-3 pl-8 placeholder:text-zinc-500`}
            />
          </div>
          <label htmlFor={categoryId} className="sr-only">
            Category
          </label>
          <select
            id={categoryId}
            value={category}
            onChange={(event) => updateParams({ category: event.target.value })}
            className={`${controlClasses} max-w-52 pr-8 pl-3`}
          >
            <option value="">All categories</option>
            {categories.data?.items.map((item) => (
              <option key={item.category} value={item.category}>
                {item.category} ({item.count})
              </option>
            ))}
            {category && !categories.data?.items.some((item) => item.category === category) && (
              <option value={category}>{category}</option>
            )}
          </select>
          <label htmlFor={languageId} className="sr-only">
            Language
          </label>
          <select
            id={languageId}
            value={language}
            onChange={(event) => updateParams({ language: event.target.value })}
            className={`${controlClasses} pr-8 pl-3`}
          >
            <option value="">All languages</option>
            {templateLanguages.map((value) => (
              <option key={value} value={value}>
                {languageLabels[value]}
              </option>
            ))}
          </select>
          {templates.isFetching && !templates.isPending && <Spinner className="size-4 text-zinc-500" />}
        </div>
      </div>

      <p role="status" className={cn('text-[13px] text-emerald-300', !status && 'sr-only')}>
        {status}
      </p>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="min-w-0">
          {templates.isPending ? (
            <div aria-busy="true" aria-label="Loading templates" className="space-y-2">
              {Array.from({ length: 5 }, (_, index) => (
                <Skeleton key={index} className="h-16 w-full" />
              ))}
            </div>
          ) : templates.isError ? (
            <ErrorState
              title="Couldn't load the template library"
              error={templates.error}
              onRetry={() => void templates.refetch()}
              isRetrying={templates.isFetching}
            />
          ) : items.length === 0 ? (
            <EmptyState
              icon={<IconScroll className="size-5" />}
              title={isFiltered ? 'No matching templates' : 'No templates yet'}
            >
              {isFiltered
                ? 'Try other words, or clear the category and language filters.'
                : 'Templates saved from pilot sessions and the Script Builder appear here.'}
            </EmptyState>
          ) : (
            <ul aria-label="Templates" className="space-y-1.5">
              {items.map((template) => (
                <li key={template.id}>
                  <TemplateListItem
                    template={template}
                    isSelected={template.id === selected?.id}
                    onSelect={() => select(template)}
                  />
                </li>
              ))}
            </ul>
          )}
        </div>

        <div
          ref={detailRef}
          className="min-w-0 scroll-mt-20 self-start lg:sticky lg:top-6 lg:max-h-[calc(100dvh-3rem)] lg:overflow-y-auto"
        >
          {selected ? (
            <TemplateDetail key={selected.id} template={selected} canEdit={canEdit} onDeleted={onDeleted} />
          ) : (
            <div className="hidden min-h-48 place-items-center rounded-lg border border-dashed border-zinc-800 p-6 text-center text-[13px] text-zinc-500 lg:grid">
              Choose a template to see its script, fill in its parameters and preview the result.
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

const successRateTone = (rate: number | null) =>
  rate === null
    ? undefined
    : rate >= 0.7
      ? 'text-emerald-300'
      : rate >= 0.4
        ? 'text-amber-200'
        : 'text-red-300';

function TemplateListItem({
  template,
  isSelected,
  onSelect,
}: {
  template: ScriptTemplate;
  isSelected: boolean;
  onSelect: () => void;
}) {
  const successRate = describeSuccessRate(template);
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-current={isSelected || undefined}
      className={cn(
        'w-full rounded-lg px-3 py-2.5 text-left ring-1 transition-colors',
        isSelected
          ? 'bg-zinc-800/80 ring-sky-700/80'
          : 'bg-zinc-900/60 ring-zinc-800 hover:bg-zinc-900 hover:ring-zinc-700',
      )}
    >
      <span className="flex items-start gap-2">
        <span className="min-w-0 flex-1 truncate text-[13px] font-medium text-zinc-100">{template.name}</span>
        {template.is_builtin && <Badge tone="accent">Built-in</Badge>}
      </span>
      <span className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-zinc-400">
        <span className="font-mono text-[11px] text-zinc-300 uppercase">
          {languageLabels[template.language]}
        </span>
        <span aria-hidden="true">·</span>
        <span>{template.category}</span>
        <span aria-hidden="true">·</span>
        <span className="tabular-nums">
          {template.usage_count} {template.usage_count === 1 ? 'use' : 'uses'}
        </span>
        <span aria-hidden="true">·</span>
        <span className={cn('tabular-nums', successRateTone(template.success_rate))}>
          {successRate ?? 'no outcomes yet'}
        </span>
      </span>
    </button>
  );
}
