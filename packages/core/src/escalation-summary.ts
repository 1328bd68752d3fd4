/**
 * The queue's one-paragraph summary of an escalation package (core/escalation-package): the
 * problem and the current hypothesis, so a tier-2 engineer can pick one without opening it.
 * Works on edited packages too: a section that is missing is simply left out.
 */
const MAX_SUMMARY = 400;

function section(markdown: string, heading: string): string | null {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim().toLowerCase() === `## ${heading}`.toLowerCase());
  if (start < 0) return null;
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,2}\s/.test(line)) break;
    body.push(line);
  }
  const text = body
    .join(' ')
    .replace(/\*\*|__|`/g, '')
    .replace(/^\s*[-*]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

export function escalationSummary(markdown: string | null): string {
  if (!markdown?.trim()) return '';
  // The composer leaves the Problem section out when the intake is the title itself.
  const heading = /^#\s+(?:Escalation:\s*)?(.+)$/m.exec(markdown)?.[1]?.trim() ?? null;
  const problem = section(markdown, 'Problem') ?? heading;
  const hypothesis = section(markdown, 'Current hypothesis');
  const parts = [problem, hypothesis && hypothesis !== 'No working hypothesis yet.' ? hypothesis : null];
  const text = parts.filter(Boolean).join(' — ');
  if (text) return clip(text, MAX_SUMMARY);
  // An edited package without any heading: its first paragraph.
  const first = markdown
    .split(/\n\s*\n/)
    .map((block) => block.replace(/^#+\s.*$/gm, '').trim())
    .find(Boolean);
  return clip((first ?? '').replace(/\s+/g, ' '), MAX_SUMMARY);
}
