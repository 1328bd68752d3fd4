import type { FastifyInstance } from 'fastify';
import { AppError } from '@flowpilot/core/app-error';

/** Objects and arrays inside one another; no request of this API needs more than a handful. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `text` nests objects and arrays more than `max` deep, read as JSON tokens: brackets
 * inside strings do not count. One pass, no recursion and no allocation, so it runs before the
 * parser; a body past the limit would otherwise be stored and later overflow the stack wherever
 * it is stringified or walked (jsonb writes, response serialisation).
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Jump to the closing quote: the first one preceded by an even number of backslashes.
      let end = text.indexOf('"', i + 1);
      while (end !== -1) {
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 0x5c /* \ */) backslashes++;
        if (backslashes % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
      if (end === -1) return false; // an unterminated string: the parser refuses it
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * The JSON body parser: Fastify's own (with its prototype-poisoning checks), after a depth check,
 * and an empty body counts as no body at all, so an action POST with a JSON content type and
 * nothing to say is the same as one without a body (routes whose body is optional accept both).
 */
export function registerJsonBodyParser(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      done(
        new AppError(
          'validation_failed',
          `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels of objects and arrays).`,
        ),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
}
