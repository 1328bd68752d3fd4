import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { ClosingKind, PreviewResponse } from '../types';
import { closingPath } from './closing-path';
import { closingKeys } from './query-keys';

/** The note or package composed from the session as it is now (cached by the server per state_version). */
export const previewClosingText = (
  sessionId: string,
  kind: ClosingKind,
  { signal }: { signal?: AbortSignal } = {},
) => apiClient.post<PreviewResponse>(`${closingPath(sessionId, kind)}/preview`, { body: {}, signal });

/**
 * Keyed by the state_version the caller last saw: when the session moves on, the key moves and
 * the text is composed again. A version's text never changes, so it is never stale.
 */
export const previewClosingTextQueryOptions = (sessionId: string, kind: ClosingKind, stateVersion: number) =>
  queryOptions({
    queryKey: closingKeys.preview(sessionId, kind, stateVersion),
    queryFn: ({ signal }) => previewClosingText(sessionId, kind, { signal }),
    staleTime: Infinity,
    // Keep the previous version's text on screen while the next one is composed.
    placeholderData: (previous) => previous,
  });

export const usePreviewClosingText = (sessionId: string, kind: ClosingKind, stateVersion: number) =>
  useQuery(previewClosingTextQueryOptions(sessionId, kind, stateVersion));
