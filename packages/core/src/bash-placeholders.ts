import { positionTracker } from './text-position';

/**
 * Where each `{{placeholder}}` of a bash body sits, as bash itself would read the body. Only a
 * placeholder in plain code (a command word, an argument, an assignment value, a redirect
 * target) is protected by the single-quoted literal rendering emits; everywhere else bash reads
 * the value again or differently, so validation refuses the body and says where.
 *
 * A lexer, not a parser (ADR 017): it follows quoting, `$( )`, backticks, `${ }`, arithmetic,
 * comments and heredocs (any delimiter, quoted or not, `<<-`, several per line, backslash-newline
 * joins in unquoted ones) the way bash's reader does, and where it is unsure it errs towards
 * "not plain code". One pass over the body: linear time.
 */

export type BashPlaceholderContext =
  | 'code'
  | 'prefixed'
  | 'string'
  | 'comment'
  | 'heredoc'
  | 'backticks'
  | 'arithmetic'
  | 'expansion'
  | 'after-cr';

export interface BashPlaceholderUse {
  name: string;
  context: BashPlaceholderContext;
  line: number;
  column: number;
}

type FrameKind =
  'code' | 'subst' | 'test' | 'single' | 'ansi' | 'double' | 'backtick' | 'param' | 'arith' | 'comment';

interface Frame {
  kind: FrameKind;
  /** Open `(` inside this frame (subshells, process substitution, nested arithmetic parentheses). */
  depth: number;
  /** `[[ … ]]` only: an arithmetic comparison (-eq …) makes bash evaluate its operands as code. */
  arithmeticTest?: boolean;
  testUses?: BashPlaceholderUse[];
  /** The word that was being read when this frame opened: `$(a)#b` is one word, `#b` no comment. */
  outerWord?: WordState;
}

interface WordState {
  length: number;
  isName: boolean;
  inSubscript: boolean;
}

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
}

const PLACEHOLDER_AT = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
// bash's blanks are space, tab and newline only: a CR is part of a word.
const BREAKS_WORD = /[ \t\n;&|()<>]/;
const ARITHMETIC_TEST_OPERATOR = /-(?:eq|ne|lt|le|gt|ge)(?=[ \t\n]|$)/y;
const TEST_CLAUSE_END = /\]\](?=[ \t\n;&|)]|$)/y;
const isCodeLike = (kind: FrameKind) => kind === 'code' || kind === 'subst' || kind === 'test';

const contextOfFrame: Partial<Record<FrameKind, BashPlaceholderContext>> = {
  single: 'string',
  ansi: 'string',
  double: 'string',
  comment: 'comment',
  backtick: 'backticks',
  param: 'expansion',
  arith: 'arithmetic',
};

// An unquoted heredoc line ending in an odd run of backslashes continues on the next line.
function endsInEscapedNewline(body: string, lineEnd: number, lineStart: number) {
  let count = 0;
  for (let k = lineEnd - 1; k >= lineStart && body[k] === '\\'; k -= 1) count += 1;
  return count % 2 === 1;
}

export function bashPlaceholderUses(body: string): BashPlaceholderUse[] {
  const n = body.length;
  const uses: BashPlaceholderUse[] = [];
  const positionOf = positionTracker(body);
  const stack: Frame[] = [{ kind: 'code', depth: 0 }];
  const pending: PendingHeredoc[] = [];
  let sawCarriageReturn = false;
  // The word being read in code, for `name[…]=` (an indexed array's subscript is arithmetic)
  // and for `#`, which starts a comment only as the first character of a word.
  let word: WordState = { length: 0, isName: false, inSubscript: false };
  const endWord = () => {
    word = { length: 0, isName: false, inSubscript: false };
  };
  const push = (frame: Frame) => {
    word.length += 1;
    word.isName = false;
    frame.outerWord = word;
    stack.push(frame);
    endWord();
  };
  const pop = () => {
    const frame = stack.pop()!;
    if (frame.outerWord) word = frame.outerWord;
    return frame;
  };
  const isWordStart = (i: number) => i === 0 || BREAKS_WORD.test(body[i - 1]!);

  const seen = new Set<number>();
  const record = (name: string, at: number, forced?: BashPlaceholderContext) => {
    seen.add(at);
    let context: BashPlaceholderContext | undefined = forced;
    if (!context && stack.some((frame) => frame.kind === 'backtick')) context = 'backticks';
    if (!context) {
      for (let k = stack.length - 1; k >= 0; k -= 1) {
        const kind = stack[k]!.kind;
        if (!isCodeLike(kind)) {
          context = contextOfFrame[kind]!;
          break;
        }
      }
    }
    if (!context) {
      const before = body[at - 1];
      if (before === '\\' || before === '$') context = 'prefixed';
      else if (word.inSubscript) context = 'arithmetic';
      else if (sawCarriageReturn) context = 'after-cr';
      else context = 'code';
    }
    const use: BashPlaceholderUse = { name, context, ...positionOf(at) };
    uses.push(use);
    if (context === 'code') {
      const top = stack.at(-1)!;
      if (top.kind === 'test') top.testUses!.push(use);
    }
  };

  /** Text bash does not lex as code here (a heredoc body, a delimiter word): any placeholder in it is refused. */
  const scanRaw = (from: number, to: number, context: BashPlaceholderContext) => {
    for (let k = from; k < to; k += 1) {
      const c = body.charCodeAt(k);
      if (c === 13) sawCarriageReturn = true;
      else if (c === 123) {
        PLACEHOLDER_AT.lastIndex = k;
        const match = PLACEHOLDER_AT.exec(body);
        if (match && k + match[0].length <= to) {
          record(match[1]!, k, context);
          k += match[0].length - 1;
        }
      }
    }
  };

  /** `<<` at i (not `<<<`): reads the delimiter word as bash does (quote removal) and queues the heredoc. */
  const readHeredocOperator = (i: number): number => {
    let j = i + 2;
    const stripTabs = body[j] === '-';
    if (stripTabs) j += 1;
    while (body[j] === ' ' || body[j] === '\t') j += 1;
    const wordStart = j;
    let delimiter = '';
    let quoted = false;
    while (j < n && !BREAKS_WORD.test(body[j]!)) {
      const c = body[j]!;
      if (c === "'") {
        const end = body.indexOf("'", j + 1);
        const stop = end === -1 ? n : end;
        delimiter += body.slice(j + 1, stop);
        quoted = true;
        j = stop + 1;
      } else if (c === '"') {
        j += 1;
        while (j < n && body[j] !== '"') {
          if (body[j] === '\\' && j + 1 < n && '"\\$`\n'.includes(body[j + 1]!)) {
            delimiter += body[j + 1];
            j += 2;
          } else {
            delimiter += body[j];
            j += 1;
          }
        }
        quoted = true;
        j += 1;
      } else if (c === '\\') {
        if (j + 1 < n) delimiter += body[j + 1];
        quoted = true;
        j += 2;
      } else if (c === '$' && (body[j + 1] === "'" || body[j + 1] === '"')) {
        j += 1;
      } else {
        delimiter += c;
        j += 1;
      }
    }
    j = Math.min(j, n);
    scanRaw(wordStart, j, 'heredoc');
    // `<<` with no word is a syntax error in bash: nothing to follow.
    if (delimiter !== '' || quoted) pending.push({ delimiter, stripTabs, quoted });
    return j;
  };

  /** At a newline in code with heredocs queued: their bodies follow, one after the other. Returns where code resumes. */
  const readHeredocBodies = (newline: number): number => {
    let pos = newline + 1;
    for (const doc of pending) {
      const bodyStart = pos;
      let terminatorAt = -1;
      let next = n;
      while (pos < n) {
        const lineStart = pos;
        let lineEnd = body.indexOf('\n', pos);
        if (lineEnd === -1) lineEnd = n;
        // Collect the logical line; only a short one can equal the delimiter, so longer ones are not built.
        const limit = doc.delimiter.length + 1024;
        let text: string | null = body.slice(lineStart, Math.min(lineEnd, lineStart + limit + 1));
        if (lineEnd - lineStart > limit) text = null;
        while (!doc.quoted && lineEnd < n && endsInEscapedNewline(body, lineEnd, lineStart)) {
          const following = body.indexOf('\n', lineEnd + 1);
          const followingEnd = following === -1 ? n : following;
          if (text !== null) {
            text = text.slice(0, -1) + body.slice(lineEnd + 1, followingEnd);
            if (text.length > limit) text = null;
          }
          lineEnd = followingEnd;
        }
        const candidate = text === null ? null : doc.stripTabs ? text.replace(/^\t+/, '') : text;
        if (candidate === doc.delimiter) {
          terminatorAt = lineStart;
          next = Math.min(lineEnd + 1, n);
          break;
        }
        pos = lineEnd + 1;
      }
      // No terminator: bash reads the heredoc to the end of the script.
      scanRaw(bodyStart, terminatorAt === -1 ? n : terminatorAt, 'heredoc');
      pos = terminatorAt === -1 ? n : next;
    }
    pending.length = 0;
    return pos;
  };

  let i = 0;
  while (i < n) {
    const ch = body[i]!;
    if (ch === '{') {
      PLACEHOLDER_AT.lastIndex = i;
      const match = PLACEHOLDER_AT.exec(body);
      if (match) {
        record(match[1]!, i);
        i += match[0].length;
        word.length += 1;
        word.isName = false;
        continue;
      }
    }
    if (ch === '\r') sawCarriageReturn = true;
    const top = stack.at(-1)!;
    // A backslash escapes the next character, except a `{`: `\{{x}}` must still be seen.
    const skipEscape = () => (body[i + 1] === '{' ? 1 : 2);

    switch (top.kind) {
      case 'single':
        if (ch === "'") pop();
        i += 1;
        continue;
      case 'comment':
        // The newline itself is code: it may start queued heredoc bodies.
        if (ch === '\n') pop();
        else i += 1;
        continue;
      case 'ansi':
      case 'backtick':
        if (ch === '\\') i += skipEscape();
        else {
          if ((top.kind === 'ansi' && ch === "'") || (top.kind === 'backtick' && ch === '`')) pop();
          i += 1;
        }
        continue;
      case 'double':
      case 'param':
      case 'arith': {
        if (ch === '\\') {
          i += skipEscape();
          continue;
        }
        if (top.kind === 'double' && ch === '"') {
          pop();
          i += 1;
          continue;
        }
        if (top.kind === 'param' && ch === '}') {
          pop();
          i += 1;
          continue;
        }
        if (top.kind === 'arith' && ch === '(') {
          top.depth += 1;
          i += 1;
          continue;
        }
        if (top.kind === 'arith' && ch === ')') {
          if (top.depth > 0) {
            top.depth -= 1;
            i += 1;
          } else {
            pop();
            i += body[i + 1] === ')' ? 2 : 1;
          }
          continue;
        }
        if (top.kind !== 'double' && (ch === "'" || ch === '"')) {
          push({ kind: ch === "'" ? 'single' : 'double', depth: 0 });
          i += 1;
          continue;
        }
        const opened = openSubstitution(body, i);
        if (opened) {
          push({ kind: opened.kind, depth: 0 });
          i += opened.length;
        } else i += 1;
        continue;
      }
      case 'code':
      case 'subst':
      case 'test':
        break;
    }

    // Code: top is code, a `$( )` body, or a `[[ ]]` clause.
    if (ch === '\n') {
      endWord();
      i = pending.length > 0 ? readHeredocBodies(i) : i + 1;
      continue;
    }
    if (ch === '\\') {
      i += skipEscape();
      word.length += 1;
      word.isName = false;
      continue;
    }
    if (ch === '#' && word.length === 0) {
      push({ kind: 'comment', depth: 0 });
      i += 1;
      continue;
    }
    if (ch === "'" || ch === '"') {
      push({ kind: ch === "'" ? 'single' : 'double', depth: 0 });
      i += 1;
      continue;
    }
    if (ch === '$' && (body[i + 1] === "'" || body[i + 1] === '"')) {
      push({ kind: body[i + 1] === "'" ? 'ansi' : 'double', depth: 0 });
      i += 2;
      continue;
    }
    const opened = openSubstitution(body, i);
    if (opened) {
      push({ kind: opened.kind, depth: 0 });
      i += opened.length;
      continue;
    }
    if (ch === '(' && body[i + 1] === '(' && isWordStart(i)) {
      push({ kind: 'arith', depth: 0 });
      i += 2;
      continue;
    }
    if (ch === '(') {
      top.depth += 1;
      endWord();
      i += 1;
      continue;
    }
    if (ch === ')') {
      if (top.depth > 0) top.depth -= 1;
      else if (top.kind === 'subst') pop();
      endWord();
      i += 1;
      continue;
    }
    if (ch === '<' && body.startsWith('<<<', i)) {
      endWord();
      i += 3;
      continue;
    }
    if (ch === '<' && body[i + 1] === '<') {
      endWord();
      i = readHeredocOperator(i);
      continue;
    }
    if (ch === '[' && body[i + 1] === '[' && isWordStart(i) && /[ \t\n]/.test(body[i + 2] ?? '')) {
      push({ kind: 'test', depth: 0, arithmeticTest: false, testUses: [] });
      i += 2;
      continue;
    }
    if (top.kind === 'test' && isWordStart(i)) {
      TEST_CLAUSE_END.lastIndex = i;
      if (TEST_CLAUSE_END.test(body)) {
        pop();
        if (top.arithmeticTest) for (const use of top.testUses!) use.context = 'arithmetic';
        i += 2;
        continue;
      }
      ARITHMETIC_TEST_OPERATOR.lastIndex = i;
      if (ARITHMETIC_TEST_OPERATOR.test(body)) top.arithmeticTest = true;
    }
    if (BREAKS_WORD.test(ch)) endWord();
    else {
      if (word.length === 0) word.isName = /[A-Za-z_]/.test(ch);
      else if (ch === '[' && word.isName) word.inSubscript = true;
      else if (ch === ']') word.inSubscript = false;
      else if (!word.inSubscript) word.isName = word.isName && /[A-Za-z0-9_]/.test(ch);
      word.length += 1;
    }
    i += 1;
  }
  // Every placeholder rendering will replace must have been judged; one a token swallowed is refused.
  const unseen = [...body.matchAll(PLACEHOLDER)].filter((match) => !seen.has(match.index));
  if (unseen.length === 0) return uses;
  const positionOfUnseen = positionTracker(body);
  const missed = unseen.map((match) => ({
    name: match[1]!,
    context: 'prefixed' as const,
    ...positionOfUnseen(match.index),
  }));
  return [...uses, ...missed].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** `$((`, `$(`, `${` or a backtick at i: the frame it opens and how many characters it takes. */
function openSubstitution(body: string, i: number): { kind: FrameKind; length: number } | null {
  const ch = body[i];
  if (ch === '`') return { kind: 'backtick', length: 1 };
  if (ch !== '$') return null;
  if (body.startsWith('$((', i)) return { kind: 'arith', length: 3 };
  if (body[i + 1] === '(') return { kind: 'subst', length: 2 };
  // `${{x}}`: the `{` belongs to the placeholder; the `$` before it is judged with it.
  if (body[i + 1] === '{' && body[i + 2] !== '{') return { kind: 'param', length: 2 };
  return null;
}
