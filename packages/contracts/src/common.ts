import { z } from 'zod';

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

/** Trimmed, non-empty, bounded text: the default for names and titles. */
export const zText = (max: number) => z.string().trim().min(1).max(max);
