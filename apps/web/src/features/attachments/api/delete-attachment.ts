import { apiClient } from '../../../lib/api-client';

/** Removes an upload the engineer took back before sending (best effort: unused uploads expire anyway). */
export const deleteAttachment = (id: string) =>
  apiClient.delete<void>(`/attachments/${encodeURIComponent(id)}`).catch(() => undefined);
