import { z } from 'zod';
// Side effect: zod's default messages become plain sentences before any schema here is used.
import './plain-messages.ts';

export const ZUuid = z.uuid();
export const ZIdParams = z.object({ id: ZUuid });
export const ZTimestamp = z.iso.datetime({ offset: true });

/** RFC 9457 problem details, as every error response is shaped. */
export const ZProblem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  request_id: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type TProblem = z.infer<typeof ZProblem>;

/**
 * Trimmed, non-empty, bounded text: the default for names and titles. `required` says what to
 * enter when it is missing or blank ("Enter your name."), for forms that know what the field is.
 */
export const zText = (max: number, required?: string) =>
  z
    .string(required ? { error: (issue) => (issue.input == null ? required : undefined) } : undefined)
    .trim()
    .min(1, required)
    .max(max);

/**
 * The body of an action that needs no input. No body at all (which Fastify validates as null),
 * an empty JSON body and `{}` are the same request; the route always sees an object.
 */
export const zOptionalBody = <T extends z.ZodObject>(schema: T) =>
  schema.nullish().transform((body): z.output<T> => body ?? ({} as z.output<T>));
