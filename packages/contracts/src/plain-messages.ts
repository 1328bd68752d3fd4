import { z } from 'zod';

/**
 * Zod's default messages ("Too small: expected string to have >=1 characters") are written for
 * developers, and they reached people through every form. This is the wording used wherever a
 * schema gives none of its own: plain sentences, limits in words and with thousands separators.
 * Schemas that know what the field is say it better ("Enter your name.") with their own `error`.
 */

type Issue = { code?: string; input?: unknown } & Record<string, unknown>;

const count = (n: unknown) => Number(n).toLocaleString('en-US');

const kinds: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  bigint: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  record: 'a group of fields',
  date: 'a date',
};

const formats: Record<string, string> = {
  email: 'Enter an email address like name@example.com.',
  url: 'Enter a web address like https://example.com.',
  uuid: 'This is not a valid id.',
  guid: 'This is not a valid id.',
  datetime: 'Enter a date and time like 2026-01-31T09:00:00Z.',
  date: 'Enter a date like 2026-01-31.',
  time: 'Enter a time like 09:30.',
};

export function plainIssueMessage(issue: Issue): string | undefined {
  const origin = issue.origin as string | undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined && 'input' in issue) return 'This is required.';
      if (issue.input === null) return 'This cannot be empty.';
      return `Must be ${kinds[issue.expected as string] ?? 'a different kind of value'}.`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (origin === 'string') return min <= 1 ? 'Fill this in.' : `Use at least ${count(min)} characters.`;
      if (origin === 'array' || origin === 'set')
        return min <= 1 ? 'Add at least one.' : `Add at least ${count(min)}.`;
      return issue.inclusive ? `Must be ${count(min)} or more.` : `Must be more than ${count(min)}.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (origin === 'string') return `Use at most ${count(max)} characters.`;
      if (origin === 'array' || origin === 'set') return `At most ${count(max)} are allowed.`;
      if (origin === 'file') return `The file can be at most ${count(max)} bytes.`;
      return issue.inclusive ? `Must be ${count(max)} or less.` : `Must be less than ${count(max)}.`;
    }
    case 'invalid_format':
      return formats[issue.format as string] ?? 'This is not in the expected format.';
    case 'invalid_value': {
      const values = (issue.values as unknown[] | undefined) ?? [];
      return values.length > 0 && values.length <= 12
        ? `Must be one of: ${values.map(String).join(', ')}.`
        : 'This is not one of the allowed values.';
    }
    case 'unrecognized_keys': {
      const keys = (issue.keys as string[] | undefined) ?? [];
      return keys.length === 1
        ? `This field is not expected here: ${keys[0]}.`
        : `These fields are not expected here: ${keys.join(', ')}.`;
    }
    case 'not_multiple_of':
      return `Must be a multiple of ${count(issue.divisor)}.`;
    case 'invalid_union':
      return 'This is not a valid value.';
    case 'invalid_key':
      return 'One of the names in this group is not allowed.';
    case 'invalid_element':
      return 'One of the entries is not valid.';
    case 'custom':
      return 'This is not valid.';
    default:
      return undefined;
  }
}

// One wording for every schema in the product, server and web alike. A schema's own `error`
// (and a refine's message) still wins; only zod's defaults are replaced.
z.config({ customError: (issue) => plainIssueMessage(issue as unknown as Issue) });
