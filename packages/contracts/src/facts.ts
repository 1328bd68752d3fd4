import { z } from 'zod';
import { ZTimestamp, ZUuid } from './common.ts';

export const ZFactKind = z.enum(['question', 'diagnostic_check', 'engineer_note', 'ai_promoted']);

export const ZFact = z.object({
  id: ZUuid,
  ai_session_id: ZUuid,
  kind: ZFactKind,
  text: z.string(),
  source_item_id: z.string().nullable(),
  created_at: ZTimestamp,
  updated_at: ZTimestamp,
});
export type TFact = z.infer<typeof ZFact>;

export const ZFactList = z.object({ items: z.array(ZFact) });
export const ZFactText = z.object({ text: z.string().trim().min(1).max(5000) });
export const ZFactParams = z.object({ id: ZUuid, fid: ZUuid });
