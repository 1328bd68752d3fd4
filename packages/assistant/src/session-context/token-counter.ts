/**
 * Token counting for the context budget, with js-tiktoken's `o200k_base` encoding (the one
 * GPT-4o / GPT-4.1 use) for every provider. Pure JavaScript and bundled in the package: nothing
 * is downloaded. Anthropic publishes no tokenizer for its current models; o200k counts
 * English prose and logs within roughly 10–20 % of Claude's own count (Claude usually counts
 * more), which is why the Anthropic default budget leaves a wide margin (see README).
 *
 * Loading the ranks costs ~0.8 s and ~30 MB once, so it happens lazily on the first chat
 * turn, not at boot. Counts are memoised by text: a session's messages, intake and fact lines
 * are the same strings turn after turn, so a turn only tokenizes what is new.
 */

export interface TokenCounter {
  /** Tokens of `text` in the counter's encoding. */
  count(text: string): number;
  readonly encoding: string;
}

/** Total characters of text whose counts are kept; beyond it the oldest entries go first. */
const MEMO_CHARACTERS = 8_000_000;
/** Short strings are cheaper to count than to remember. */
const MEMO_MIN_LENGTH = 24;

type Encoder = {
  encode(text: string, allowedSpecial?: 'all' | string[], disallowedSpecial?: 'all' | string[]): number[];
};

let loading: Promise<TokenCounter> | undefined;

/** The shared counter; the first call loads the encoding. */
export function loadTokenCounter(): Promise<TokenCounter> {
  loading ??= (async () => {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([
      import('js-tiktoken/lite'),
      import('js-tiktoken/ranks/o200k_base'),
    ]);
    return memoisedCounter(new Tiktoken(ranks), 'o200k_base');
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/**
 * BPE merges within one pre-token cost time quadratic in its length, and a run of thousands of
 * characters without a space (a base64 blob, a minified line, `yyyy…`) is one pre-token: exact
 * counting would block the process for seconds to minutes. Such runs (over 256 characters) are
 * estimated from four 64-character samples of the run; everything else is counted exactly.
 */
const LONG_RUN = /\S{257,}/g;
const SAMPLE = 64;

function encodedLength(encoder: Encoder, text: string): number {
  const encode = (part: string) => (part.length === 0 ? 0 : encoder.encode(part, [], []).length);
  if (!/\S{257}/.test(text)) return encode(text);
  let total = 0;
  let last = 0;
  for (const match of text.matchAll(LONG_RUN)) {
    total += encode(text.slice(last, match.index));
    const run = match[0];
    let sampled = 0;
    for (let index = 0; index < 4; index++) {
      const at = Math.floor(((run.length - SAMPLE) * index) / 3);
      sampled += encode(run.slice(at, at + SAMPLE));
    }
    total += Math.ceil((sampled / (4 * SAMPLE)) * run.length);
    last = match.index + run.length;
  }
  return total + encode(text.slice(last));
}

/** Wraps an encoder with the bounded memo. Special-token text in a paste counts as plain text. */
export function memoisedCounter(encoder: Encoder, encoding: string): TokenCounter {
  const memo = new Map<string, number>();
  let memoCharacters = 0;
  return {
    encoding,
    count(text) {
      if (text.length === 0) return 0;
      if (text.length < MEMO_MIN_LENGTH) return encodedLength(encoder, text);
      const known = memo.get(text);
      if (known !== undefined) {
        // Refresh its place: Map iteration order is insertion order, so this is an LRU.
        memo.delete(text);
        memo.set(text, known);
        return known;
      }
      const tokens = encodedLength(encoder, text);
      memo.set(text, tokens);
      memoCharacters += text.length;
      for (const [key] of memo) {
        if (memoCharacters <= MEMO_CHARACTERS) break;
        memo.delete(key);
        memoCharacters -= key.length;
      }
      return tokens;
    },
  };
}
