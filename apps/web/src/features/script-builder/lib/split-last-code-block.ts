export interface SplitReply {
  before: string;
  code: { text: string; language: string; filename: string | null } | null;
  after: string;
}

const FENCE = /^(`{3,}|~{3,})[ \t]*([^\n`]*)\n([\s\S]*?)\n\1[ \t]*$/gm;

/**
 * The reply around its last complete fenced code block — the block the server kept as the
 * session's script. An unfinished block (still streaming) is not a match: it stays in the text.
 */
export function splitLastCodeBlock(content: string): SplitReply {
  let last: RegExpExecArray | null = null;
  for (const match of content.matchAll(FENCE)) last = match;
  if (!last) return { before: content, code: null, after: '' };
  const info = (last[2] ?? '').trim();
  const filename = /(?:^|\s)(?:filename|file|name)=("?)([^"\s]+)\1/.exec(info)?.[2] ?? null;
  return {
    before: content.slice(0, last.index).trimEnd(),
    code: { text: last[3] ?? '', language: info.split(/\s/, 1)[0] ?? '', filename },
    after: content.slice(last.index + last[0].length).trim(),
  };
}
