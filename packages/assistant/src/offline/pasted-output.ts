/**
 * Tells what the engineer wrote from what they pasted. Command output (PowerShell and shell
 * prompts, tables, `Key : Value` lists, event-log and journal lines, fenced blocks) is read
 * for signals — service states, error codes, counts, address ranges — and never treated as
 * an answer in their own words. Every pattern here is linear-time: no nested quantifiers,
 * no backtracking over user text.
 */

export interface SplitMessage {
  /** The engineer's own words, lines of output removed. */
  prose: string;
  /** The pasted output, block by block. */
  output: string[];
}

export interface Signal {
  id: string;
  /** Short human wording for the task lane and notes ("Spooler service: Stopped"). */
  label: string;
}

const promptPattern =
  /^(?:PS [A-Za-z]:\\[^>]{0,200}>|[A-Za-z]:\\[^>]{0,200}>|[\w.-]{1,64}@[\w.-]{1,64}:[^$#]{0,200}[$#]\s|\$\s|#\s{0,2}(?:systemctl|journalctl|df|du|ls|cat|grep|ip|ss|netstat|ping|dig|nslookup|sudo)\b)/;
const eventPattern =
  /^(?:Log Name:|Source:|Event ?ID:|Level:|Task Category:|Keywords:|Date:|Description:|(?:Error|Warning|Information|Critical)\s+\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4})/i;
const journalPattern =
  /^(?:[A-Z][a-z]{2}\s{1,2}\d{1,2}\s\d{2}:\d{2}:\d{2}\s|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2})/;
const dottedKeyPattern = /^\s{0,8}[A-Za-z][A-Za-z0-9 ()/-]{0,60}(?:\s\.){2}/;
const fencePattern = /^\s{0,3}(?:```|~~~)/;

function isSeparator(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length < 3) return false;
  let dashes = 0;
  for (const character of trimmed) {
    if (character === '-' || character === '=') dashes++;
    else if (character !== ' ' && character !== '+' && character !== '|') return false;
  }
  return dashes >= 3;
}

/** `Name : value` as PowerShell's Format-List writes it (space, colon, space). */
export function keyValue(line: string): { key: string; value: string } | undefined {
  const at = line.indexOf(' : ');
  if (at < 1 || at > 60) return undefined;
  const key = line.slice(0, at).trim();
  if (!/^[A-Za-z][A-Za-z0-9 ._()/-]{0,59}$/.test(key) || key.split(' ').length > 5) return undefined;
  return { key, value: line.slice(at + 3).trim() };
}

/** Columns separated by runs of two or more spaces, as tables print. */
function columns(line: string): string[] {
  return line
    .trim()
    .split(/ {2,}|\t/)
    .filter(Boolean);
}

function looksLikeOutputLine(line: string): boolean {
  if (promptPattern.test(line) || eventPattern.test(line) || journalPattern.test(line)) return true;
  if (isSeparator(line) || dottedKeyPattern.test(line) || keyValue(line)) return true;
  return false;
}

/** Prose reads as words and sentences: several words, no column layout. */
function looksLikeProse(line: string): boolean {
  const trimmed = line.trim();
  if (columns(trimmed).length > 2) return false;
  const words = trimmed.split(/\s+/);
  const alphabetic = words.filter((word) => /^[A-Za-z'’,.?!]+$/.test(word)).length;
  return words.length >= 2 && alphabetic / words.length >= 0.6;
}

export function splitPastedOutput(text: string): SplitMessage {
  const lines = text.split(/\r?\n/);
  const prose: string[] = [];
  const output: string[] = [];
  let block: string[] = [];
  let inFence = false;
  let inOutput = false;
  let previousBlank = false;
  const flush = () => {
    if (block.length > 0) output.push(block.join('\n'));
    block = [];
  };
  for (const line of lines) {
    if (fencePattern.test(line)) {
      if (inFence) flush();
      inFence = !inFence;
      inOutput = false;
      continue;
    }
    if (inFence) {
      block.push(line);
      continue;
    }
    const blank = line.trim() === '';
    if (blank) {
      previousBlank = true;
      if (inOutput) block.push(line);
      continue;
    }
    const outputLike = looksLikeOutputLine(line);
    const indented = /^(?: {4}|\t)/.test(line);
    if (promptPattern.test(line)) {
      flush();
      inOutput = true;
    } else if (inOutput && !outputLike && looksLikeProse(line) && previousBlank && !indented) {
      flush();
      inOutput = false;
    } else if (!inOutput && outputLike) {
      inOutput = true;
    } else if (!inOutput && columns(line).length >= 3 && !looksLikeProse(line)) {
      inOutput = true;
    }
    previousBlank = false;
    if (inOutput) block.push(line);
    else prose.push(line);
  }
  flush();
  return { prose: prose.join('\n').trim(), output: output.map((value) => value.trim()).filter(Boolean) };
}

const serviceStates = new Set(['running', 'stopped', 'paused', 'startpending', 'stoppending']);
const hexCode = /\b0x[0-9a-f]{4,8}\b/gi;
const aadsts = /\baadsts\d{5,6}\b/gi;
const namedCode =
  /\b(?:error|code|err|status|event(?: ?id)?|id)\s{0,3}[:#=]?\s{0,3}(\d{3,5}|[a-z]\d{3,4})\b/gi;
const smtpCode = /\b([45]\.\d\.\d{1,3})\b/g;
const upperCode = /\b((?:NET::)?ERR_[A-Z_]{3,60}|[A-Z]{2,12}_[A-Z_]{3,60})\b/g;
const quickbooksCode = /\b([hH]\d{3})\b/g;
const ipv4 = /\b(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\b/g;

function add(signals: Map<string, Signal>, id: string, label: string) {
  if (!signals.has(id)) signals.set(id, { id, label });
}

/**
 * Signals in any text the engineer wrote: error codes and addresses count in prose too
 * ("0x80070005" typed or pasted is the same evidence).
 */
export function textSignals(text: string, signals: Map<string, Signal> = new Map()): Map<string, Signal> {
  for (const match of text.matchAll(hexCode))
    add(signals, `code:${match[0].toLowerCase()}`, `Error ${match[0]}`);
  for (const match of text.matchAll(aadsts))
    add(signals, `code:${match[0].toLowerCase()}`, `Sign-in error ${match[0].toUpperCase()}`);
  for (const match of text.matchAll(namedCode)) {
    const code = (match[1] ?? '').toLowerCase();
    add(signals, `code:${code}`, `Code ${code.toUpperCase()}`);
  }
  for (const match of text.matchAll(smtpCode)) add(signals, `code:${match[1]}`, `SMTP status ${match[1]}`);
  for (const match of text.matchAll(upperCode)) {
    const code = (match[1] ?? '').toLowerCase().replace('net::', '');
    add(signals, `code:${code}`, `Error ${match[1]}`);
  }
  for (const match of text.matchAll(quickbooksCode))
    add(signals, `code:${(match[1] ?? '').toLowerCase()}`, `Error ${match[1]}`);
  for (const match of text.matchAll(ipv4)) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    if (a === 169 && b === 254)
      add(signals, 'apipa', `Self-assigned address ${match[0]} (APIPA: no DHCP lease)`);
  }
  const lower = text.toLowerCase();
  if (lower.includes('no space left on device')) add(signals, 'disk:full', 'No space left on device');
  if (lower.includes('non-existent domain') || lower.includes("can't find") || lower.includes('nxdomain'))
    add(signals, 'dns:nxdomain', 'Name lookup failed (non-existent domain)');
  if (lower.includes('dns request timed out')) add(signals, 'dns:timeout', 'DNS request timed out');
  if (lower.includes('request timed out') || lower.includes('destination host unreachable'))
    add(signals, 'ping:fail', 'Ping failed (timed out / unreachable)');
  if (lower.includes('permission denied (publickey'))
    add(signals, 'ssh:publickey-denied', 'SSH: Permission denied (publickey)');
  return signals;
}

/** Signals in one block of pasted output: the above, plus tables and property lists. */
export function outputSignals(block: string, signals: Map<string, Signal> = new Map()): Map<string, Signal> {
  textSignals(block, signals);
  const lines = block.split(/\r?\n/);
  let header: string[] | undefined;
  let properties: Record<string, string> = {};
  const flushProperties = () => {
    const name = properties.name ?? properties.servicename;
    const status = properties.status?.toLowerCase();
    if (name && status && serviceStates.has(status))
      add(signals, `service:${name.toLowerCase()}:${status}`, `${name} service: ${properties.status}`);
    properties = {};
  };
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '');
    if (line.trim() === '') {
      flushProperties();
      continue;
    }
    const pair = keyValue(line);
    if (pair) {
      const key = pair.key.toLowerCase().replace(/[^a-z0-9]/g, '');
      const value = pair.value;
      properties[key] = value;
      const lowerValue = value.toLowerCase();
      if (lowerValue === 'true' || lowerValue === 'false' || /^[a-z][a-z0-9-]{0,20}$/i.test(value))
        add(signals, `prop:${key}:${lowerValue}`, `${pair.key}: ${value}`);
      if (key === 'count') countSignal(signals, block, Number(value));
      continue;
    }
    const dotted = dottedKeyPattern.exec(line);
    if (dotted) continue; // ipconfig lines: addresses already read by textSignals
    const cells = columns(line);
    if (isSeparator(line)) continue;
    if (cells.length >= 2 && cells.some((cell) => /^(?:status|name|state)$/i.test(cell))) {
      header = cells.map((cell) => cell.toLowerCase());
      continue;
    }
    if (header && cells.length >= 2) {
      const row: Record<string, string> = {};
      header.forEach((column, index) => {
        row[column] = cells[index] ?? '';
      });
      const status = (row.status ?? row.state ?? '').toLowerCase();
      const name = row.name ?? row.servicename ?? '';
      if (name && serviceStates.has(status))
        add(
          signals,
          `service:${name.toLowerCase()}:${status}`,
          `${name} service: ${row.status ?? row.state}`,
        );
    }
    // systemd: "Active: failed (Result: exit-code)" under "● nginx.service - …"
    const active = /^\s{0,8}Active:\s{1,4}([a-z]+)(?:\s\(([a-z]+)\))?/.exec(line);
    if (active) {
      const unit = /([\w@.-]{1,80})\.service\b/.exec(block)?.[1]?.toLowerCase() ?? 'unit';
      const state =
        active[1] === 'active' && active[2] === 'running'
          ? 'running'
          : active[1] === 'failed'
            ? 'failed'
            : 'stopped';
      add(signals, `service:${unit}:${state}`, `${unit}.service: ${line.trim().slice(8)}`);
    }
    // df -h: "/dev/sda1  20G  20G  0  100% /"
    for (const cell of line.trim().split(/\s+/)) {
      const percent = /^(\d{1,3})%$/.exec(cell);
      if (percent && Number(percent[1]) >= 95 && /\/dev\/|use%|filesystem|capacity/i.test(block))
        add(signals, 'disk:full', `A filesystem is ${percent[1]}% full`);
    }
  }
  flushProperties();
  return signals;
}

function countSignal(signals: Map<string, Signal>, block: string, count: number) {
  if (!Number.isFinite(count)) return;
  if (/spool/i.test(block))
    add(
      signals,
      count > 0 ? 'spool-files:present' : 'spool-files:none',
      `${count} file(s) in the spool folder`,
    );
}
