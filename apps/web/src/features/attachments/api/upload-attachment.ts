import { API_BASE, ApiError, CSRF_HEADER, toApiError } from '../../../lib/api-client';
import type { Attachment } from '../types';

/** Uploads one file as `multipart/form-data`; the server decides what it is from its bytes. */
export async function uploadAttachment(file: File, signal?: AbortSignal): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name || 'pasted-screenshot.png');
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/attachments`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json', [CSRF_HEADER]: '1' },
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Network error',
      detail: 'Could not reach the FlowPilot server. Check your connection and try again.',
    });
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: toApiError words it */
  }
  if (!response.ok) throw toApiError(response, body);
  return body as Attachment;
}
