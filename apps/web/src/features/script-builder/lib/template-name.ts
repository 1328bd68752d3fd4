/**
 * A name for "Save to library", read from the script itself: the template it was composed
 * from, its help synopsis or docstring, the comment that says what it does, or its file name.
 * The session title is the last resort — it is often just the first chat message.
 */

const MAX_NAME = 120;

/** "write me a PowerShell script that restarts…" → "restarts…": the request's lead-in is not a name. */
const requestLeadIn =
  /^(?:please\s+)?(?:(?:can|could|would) you\s+)?(?:write|create|make|build|generate|give me)\s+(?:me\s+|us\s+)?(?:an?\s+)?(?:(?:powershell|bash|shell|python)\s+)?script\s+(?:that\s+|which\s+|to\s+)?/i;

const sentence = (text: string) => {
  const cleaned = text
    .replace(requestLeadIn, '')
    .replace(/\s+/g, ' ')
    .replace(/[.:;,\s]+$/, '')
    .trim();
  if (!cleaned) return '';
  const named = cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
  return named.length > MAX_NAME ? `${named.slice(0, MAX_NAME - 1).trimEnd()}…` : named;
};

/** Comment lines that say nothing about the purpose: interpreter, requirements, provenance, to-dos. */
const noise =
  /^(?:!|requires\b|composed offline\b|request:|target computer:|affected user:|todo\b|-\*-|shellcheck\b|type:|encoding\b|author:|version:|date:|copyright\b)/i;

function fromHeader(script: string): string {
  const composed = /from the template "([^"\n]+)"/.exec(script);
  if (composed?.[1]) return sentence(composed[1]);

  const synopsis = /^\s*\.SYNOPSIS[ \t]*\r?\n\s*(.+)$/im.exec(script);
  if (synopsis?.[1]) return sentence(synopsis[1]);

  const docstring = /^(?:#[^\n]*\n|\s*\n)*\s*(?:"""|''')\s*([^\n"']+)/.exec(script);
  if (docstring?.[1]) return sentence(docstring[1]);

  for (const line of script.split(/\r?\n/).slice(0, 15)) {
    const comment = /^\s*(?:#|\/\/|::|REM\s)\s*(.*)$/i.exec(line);
    if (!comment) {
      if (line.trim()) break; // the header is over once code starts
      continue;
    }
    const text = (comment[1] ?? '').replace(/^purpose:\s*/i, '').trim();
    if (text.length >= 4 && !noise.test(text) && /[A-Za-z]{3}/.test(text)) return sentence(text);
  }
  return '';
}

/** `Clear-PrintQueue.ps1` → "Clear print queue"; `linux-disk-cleanup.sh` → "Linux disk cleanup". */
function fromFilename(filename: string | null | undefined): string {
  const base = (filename ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_.\s]+/)
    .filter(Boolean);
  if (!words.length || !/[A-Za-z]{3}/.test(base)) return '';
  return sentence(words.map((word, index) => (index === 0 ? word : word.toLowerCase())).join(' '));
}

export function suggestTemplateName(input: {
  script: string;
  filename?: string | null;
  title?: string | null;
}): string {
  return (
    fromHeader(input.script) ||
    fromFilename(input.filename) ||
    sentence(input.title ?? '') ||
    'Untitled template'
  );
}
