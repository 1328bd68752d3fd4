/**
 * Server-Sent Events over `fetch`: the browser's EventSource cannot POST, send headers or be
 * aborted cleanly, and a chat turn needs all three. Same rules as the API client (`/api/v1`,
 * the session cookie, the CSRF header on unsafe methods, problem details → ApiError).
 */
import { API_BASE, ApiError, CSRF_HEADER, notifyUnauthorized, toApiError } from './api-client';

export interface ServerSentEvent {
  /** `message` when the block had no `event:` line, as in the EventSource spec. */
  event: string;
  data: string;
  id?: string;
}

/**
 * An incremental parser: feed it text chunks as they arrive, it calls `onEvent` for every
 * complete block. Handles CRLF, comments (`: keep-alive`), multi-line `data:` and a block
 * split across chunks.
 */
export function createSseParser(onEvent: (event: ServerSentEvent) => void) {
  let buffer = '';
  let skipLeadingLf = false;
  let event = '';
  let data: string[] = [];
  let id: string | undefined;

  const dispatch = () => {
    if (data.length > 0) {
      const parsed: ServerSentEvent = { event: event || 'message', data: data.join('\n') };
      if (id !== undefined) parsed.id = id;
      onEvent(parsed);
    }
    event = '';
    data = [];
    id = undefined;
  };

  const processLine = (line: string) => {
    if (line === '') return dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  };

  return {
    push(chunk: string) {
      // A "\r\n" split across two chunks is one line ending, not two.
      const text = skipLeadingLf && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
      skipLeadingLf = text.endsWith('\r');
      buffer += text;
      const lines = buffer.split(/\r\n|\r|\n/);
      // The last piece is an incomplete line; it waits for the next chunk.
      buffer = lines.pop() ?? '';
      for (const line of lines) processLine(line);
    },
    /** The stream ended: a final block without its blank line still counts. */
    end() {
      if (buffer) processLine(buffer);
      buffer = '';
      dispatch();
    },
  };
}

export interface StreamRequest {
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
  onEvent: (event: ServerSentEvent) => void;
}

/**
 * Opens an SSE response and calls `onEvent` for each event until the server closes it.
 * Resolves when the stream ends; rejects with an ApiError for a non-2xx answer or a broken
 * connection, and with the AbortError when `signal` aborts.
 */
export async function streamEvents(path: string, request: StreamRequest): Promise<void> {
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (method !== 'GET') headers[CSRF_HEADER] = '1';
  const init: RequestInit = {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    signal: request.signal ?? null,
  };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(request.body);
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, init);
  } catch (error) {
    throw isAbort(error) ? error : networkError();
  }

  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      // Not JSON: toApiError falls back to the status text.
    }
    if (response.status === 401) notifyUnauthorized();
    throw toApiError(response, body);
  }

  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('text/event-stream') || !response.body) {
    throw new ApiError({
      status: response.status,
      code: 'not_an_event_stream',
      title: 'Unexpected response',
      detail: 'The server did not answer with an event stream.',
    });
  }

  const parser = createSseParser(request.onEvent);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
    }
    parser.end();
  } catch (error) {
    if (isAbort(error) || request.signal?.aborted) throw error;
    throw networkError('The connection to the server was interrupted.');
  } finally {
    reader.releaseLock();
  }
}

export const isAbort = (error: unknown): boolean =>
  (error instanceof DOMException || error instanceof Error) && error.name === 'AbortError';

function networkError(detail = 'Could not reach the FlowPilot server. Check your connection and try again.') {
  return new ApiError({ status: 0, code: 'network_error', title: 'Network error', detail });
}
