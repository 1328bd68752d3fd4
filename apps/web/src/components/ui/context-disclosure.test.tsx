import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ContextDisclosure, describeContext, type ContextSummary } from './context-disclosure';

const context = (overrides: Partial<ContextSummary> = {}): ContextSummary => ({
  budget_tokens: 80_000,
  estimated_tokens: 12_340,
  turns_sent: 26,
  turns_omitted: 174,
  characters_omitted: 91_636,
  pastes_trimmed: 3,
  templates_offered: 8,
  facts: 14,
  over_budget: false,
  cache_read_tokens: 9_800,
  cache_write_tokens: 0,
  ...overrides,
});

describe('ContextDisclosure', () => {
  it('says in one line how big the request was and what was left out', () => {
    expect(describeContext(context())).toBe(
      'Context: 12,340 tokens · 174 earlier turns and 91,636 characters left out',
    );
    expect(describeContext(context({ turns_omitted: 0, characters_omitted: 0 }))).toBe(
      'Context: 12,340 tokens · nothing left out',
    );
    expect(describeContext(context({ turns_omitted: 0, characters_omitted: 1 }))).toBe(
      'Context: 12,340 tokens · 1 character left out',
    );
  });

  it('is a closed native disclosure with the details inside', () => {
    const html = renderToStaticMarkup(<ContextDisclosure context={context({ over_budget: true })} />);
    expect(html).toMatch(/^<details[^>]*><summary/);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(html).toContain('within a budget of 80,000 tokens');
    expect(html).toContain('3 long pastes kept their');
    expect(html).toContain('Prompt cache: 9,800 tokens read, 0 written.');
    expect(html).toContain('over the budget');
  });

  it('leaves out what did not happen', () => {
    const html = renderToStaticMarkup(
      <ContextDisclosure
        context={context({ pastes_trimmed: 0, cache_read_tokens: null, cache_write_tokens: null })}
      />,
    );
    expect(html).not.toContain('long paste');
    expect(html).not.toContain('Prompt cache');
    expect(html).not.toContain('over the budget');
  });
});
