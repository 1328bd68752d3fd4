import { Lexer, type Token, type Tokens } from 'marked';
import { memo, type ReactNode } from 'react';
import { cn } from '../../lib/cn';
import { safeHref } from '../../lib/safe-url';
import { CodeBlock } from './code-block';

/*
 * Markdown from untrusted sources (model output, pasted tickets) rendered as React elements,
 * never as an HTML string: marked only tokenises, and every token becomes an element or
 * escaped text. Raw HTML therefore shows as literal text, and a link becomes clickable only
 * when its URL is http(s) or mailto (see safeHref). Images are not loaded: a reply must not
 * make the browser fetch from an address the model chose.
 */

const lexerOptions = { gfm: true, breaks: true } as const;

interface MarkdownProps {
  source: string;
  className?: string;
}

export const Markdown = memo(function Markdown({ source, className }: MarkdownProps) {
  const tokens = new Lexer(lexerOptions).lex(source);
  return <div className={cn('markdown space-y-3 break-words', className)}>{renderBlocks(tokens)}</div>;
});

/**
 * One short line the assistant wrote (a question, a check's title, a fact): code spans,
 * emphasis and links as in a reply, but no blocks, so it sits inside a list item or a label.
 */
export const InlineMarkdown = memo(function InlineMarkdown({ source, className }: MarkdownProps) {
  const tokens = Lexer.lexInline(source, lexerOptions);
  return <span className={cn('break-words', className)}>{renderInline(tokens)}</span>;
});

function renderBlocks(tokens: Token[]): ReactNode[] {
  return tokens.map((token, index) => renderBlock(token, index));
}

function renderBlock(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return <p key={key}>{renderInline((token as Tokens.Paragraph).tokens)}</p>;
    case 'heading': {
      const heading = token as Tokens.Heading;
      const Tag = heading.depth <= 2 ? 'h3' : 'h4';
      return (
        <Tag key={key} className="pt-1 text-[13px] font-semibold text-zinc-50">
          {renderInline(heading.tokens)}
        </Tag>
      );
    }
    case 'code': {
      const code = token as Tokens.Code;
      return <CodeBlock key={key} code={code.text} language={code.lang?.split(/\s/, 1)[0]} />;
    }
    case 'blockquote':
      return (
        <blockquote key={key} className="space-y-2 border-l-2 border-zinc-700 pl-3 text-zinc-300">
          {renderBlocks((token as Tokens.Blockquote).tokens)}
        </blockquote>
      );
    case 'list': {
      const list = token as Tokens.List;
      const items = list.items.map((item, index) => (
        <li key={index} className="pl-0.5">
          {item.task && (
            <input
              type="checkbox"
              checked={Boolean(item.checked)}
              readOnly
              disabled
              aria-label={item.checked ? 'done' : 'not done'}
              className="mr-1.5 align-middle"
            />
          )}
          {renderListItem(item)}
        </li>
      ));
      if (list.ordered) {
        const start = typeof list.start === 'number' ? list.start : Number(list.start) || 1;
        return (
          <ol key={key} start={start} className="list-decimal space-y-1 pl-5 marker:text-zinc-400">
            {items}
          </ol>
        );
      }
      return (
        <ul key={key} className="list-disc space-y-1 pl-5 marker:text-zinc-500">
          {items}
        </ul>
      );
    }
    case 'table':
      return renderTable(token as Tokens.Table, key);
    case 'hr':
      return <hr key={key} className="border-zinc-800" />;
    case 'html':
      // Raw HTML is shown as what it is: text.
      return (
        <p key={key} className="whitespace-pre-wrap">
          {(token as Tokens.HTML).text}
        </p>
      );
    case 'text': {
      const text = token as Tokens.Text;
      return <p key={key}>{text.tokens ? renderInline(text.tokens) : decodeEntities(text.text)}</p>;
    }
    default:
      return 'raw' in token && typeof token.raw === 'string' ? <p key={key}>{token.raw}</p> : null;
  }
}

/** Tight list items hold bare text tokens; loose ones hold paragraphs. */
function renderListItem(item: Tokens.ListItem): ReactNode {
  if (item.tokens.every((token) => token.type === 'text')) {
    return item.tokens.map((token, index) => {
      const text = token as Tokens.Text;
      return <span key={index}>{text.tokens ? renderInline(text.tokens) : decodeEntities(text.text)}</span>;
    });
  }
  return <div className="space-y-2">{renderBlocks(item.tokens)}</div>;
}

function renderTable(table: Tokens.Table, key: number): ReactNode {
  const align = (index: number) => table.align[index] ?? undefined;
  return (
    <div key={key} className="overflow-x-auto rounded-md ring-1 ring-zinc-800">
      <table className="w-full border-collapse text-[13px]">
        <thead className="bg-zinc-900">
          <tr>
            {table.header.map((cell, index) => (
              <th
                key={index}
                scope="col"
                style={{ textAlign: align(index) }}
                className="border-b border-zinc-800 px-2.5 py-1.5 text-left font-medium text-zinc-200"
              >
                {renderInline(cell.tokens)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-800/70">
          {table.rows.map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index} style={{ textAlign: align(index) }} className="px-2.5 py-1.5 align-top">
                  {renderInline(cell.tokens)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function renderInline(tokens: Token[] | undefined): ReactNode[] {
  return (tokens ?? []).map((token, index) => renderInlineToken(token, index));
}

function renderInlineToken(token: Token, key: number): ReactNode {
  switch (token.type) {
    case 'text': {
      const text = token as Tokens.Text;
      return text.tokens ? <span key={key}>{renderInline(text.tokens)}</span> : decodeEntities(text.text);
    }
    case 'escape':
      return (token as Tokens.Escape).text;
    case 'strong':
      return (
        <strong key={key} className="font-semibold text-zinc-50">
          {renderInline((token as Tokens.Strong).tokens)}
        </strong>
      );
    case 'em':
      return <em key={key}>{renderInline((token as Tokens.Em).tokens)}</em>;
    case 'del':
      return <del key={key}>{renderInline((token as Tokens.Del).tokens)}</del>;
    case 'codespan':
      return (
        <code
          key={key}
          className="rounded bg-zinc-800/80 box-decoration-clone px-1 py-px font-mono text-[12.5px] text-zinc-100 ring-1 ring-zinc-700/60"
        >
          {decodeEntities((token as Tokens.Codespan).text)}
        </code>
      );
    case 'br':
      return <br key={key} />;
    case 'link': {
      const link = token as Tokens.Link;
      const href = safeHref(link.href);
      const children = renderInline(link.tokens);
      if (!href) return <span key={key}>{children}</span>;
      return (
        <a
          key={key}
          href={href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          title={link.title ?? undefined}
          className="text-sky-300 underline decoration-sky-300/40 underline-offset-2 hover:decoration-sky-300"
        >
          {children}
        </a>
      );
    }
    case 'image': {
      const image = token as Tokens.Image;
      const label = image.text ? `[image: ${image.text}]` : '[image]';
      const href = safeHref(image.href);
      return href ? (
        <a
          key={key}
          href={href}
          target="_blank"
          rel="noopener noreferrer nofollow"
          className="text-sky-300 underline"
        >
          {label}
        </a>
      ) : (
        label
      );
    }
    case 'html':
      return (token as Tokens.Tag).text;
    default:
      return 'raw' in token && typeof token.raw === 'string' ? token.raw : null;
  }
}

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Markdown text keeps HTML entities as written; show the character they stand for. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, entity: string) => {
    if (entity.startsWith('#')) {
      const code =
        entity[1]?.toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return namedEntities[entity.toLowerCase()] ?? match;
  });
}
