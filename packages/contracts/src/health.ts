import { z } from 'zod';

export const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({ status: z.enum(['ok', 'down']), kind: z.enum(['pglite', 'postgres']) }),
  llm: z.object({ backend: z.string(), model: z.string(), status: z.enum(['ok', 'unconfigured']) }),
  version: z.string(),
});
export type THealth = z.infer<typeof ZHealth>;
