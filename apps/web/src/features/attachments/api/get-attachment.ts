import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Attachment } from '../types';

export const attachmentKeys = {
  one: (id: string) => ['attachments', id] as const,
};

export const attachmentContentUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}/content`;

export const attachmentQuery = (id: string) =>
  queryOptions({
    queryKey: attachmentKeys.one(id),
    queryFn: ({ signal }) => apiClient.get<Attachment>(`/attachments/${encodeURIComponent(id)}`, { signal }),
    // While OCR reads the image, look again every second; then the text never changes.
    refetchInterval: (query) => (query.state.data?.extraction_status === 'pending' ? 1000 : false),
    staleTime: Infinity,
  });

export function useAttachment(id: string, initial?: Attachment) {
  return useQuery({ ...attachmentQuery(id), ...(initial ? { initialData: initial } : {}) });
}
