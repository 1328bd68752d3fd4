import type { IntakeContent } from '@flowpilot/db/schema-sessions';

export const TITLE_MAX = 80;

/** PostgreSQL text and jsonb cannot hold NUL; pasted binary logs sometimes do. */
export const withoutNul = (text: string) => text.replaceAll('\u0000', '');

/** The intake as stored: NULs removed, empty optional fields dropped. */
export function normalizeIntake(intake: IntakeContent): IntakeContent {
  const optional = (value: string | undefined) => {
    const cleaned = value === undefined ? '' : withoutNul(value).trim();
    return cleaned === '' ? undefined : cleaned;
  };
  const logs = intake.logs === undefined ? undefined : withoutNul(intake.logs);
  return {
    text: withoutNul(intake.text).trim(),
    ...(optional(intake.ticket_ref) ? { ticket_ref: optional(intake.ticket_ref) } : {}),
    ...(optional(intake.client_name) ? { client_name: optional(intake.client_name) } : {}),
    ...(optional(intake.asset_name) ? { asset_name: optional(intake.asset_name) } : {}),
    ...(logs?.trim() ? { logs } : {}),
  };
}

/** Shortens to `max` characters at a word boundary when there is one close enough. */
function truncate(text: string, max: number) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space >= max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A title an engineer would recognise in the list: the first line that says something,
 * without markdown decoration, prefixed by the ticket reference when there is one.
 */
export function titleFromIntake(intake: IntakeContent, max = TITLE_MAX): string {
  const firstLine =
    intake.text
      .split(/\r?\n/)
      .map((line) =>
        line
          .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/, '')
          .replace(/[*_`]+/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .find((line) => line.length > 0) ?? '';
  const ref = intake.ticket_ref?.replace(/\s+/g, ' ').trim();
  const title = ref ? (firstLine ? `${ref}: ${firstLine}` : ref) : firstLine;
  return truncate(title || 'Untitled session', max);
}

/** A fence longer than any backtick run inside, so pasted logs can never close it early. */
function fenced(body: string, info = 'text') {
  const longestRun = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${info}\n${body.replace(/\n+$/, '')}\n${fence}`;
}

/** The intake as the transcript's first message: readable markdown, the way an engineer would paste it. */
export function intakeMarkdown(intake: IntakeContent): string {
  const details = [
    intake.ticket_ref ? `**Ticket:** ${intake.ticket_ref}` : null,
    intake.client_name ? `**Client:** ${intake.client_name}` : null,
    intake.asset_name ? `**Asset:** ${intake.asset_name}` : null,
  ].filter((line): line is string => line !== null);
  const sections = [
    details.length > 0 ? details.join('  \n') : null,
    intake.text,
    intake.logs ? `**Logs:**\n\n${fenced(intake.logs)}` : null,
  ];
  return sections.filter((section): section is string => section !== null).join('\n\n');
}
