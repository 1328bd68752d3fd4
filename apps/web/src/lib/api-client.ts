/**
 * The one way the web app talks to the API: `/api/v1`, JSON, the session cookie, and RFC 9457
 * problem details turned into a typed `ApiError`.
 */

export const API_BASE = '/api/v1';

/** The server rejects cookie-authenticated unsafe requests without it (CSRF defence). */
export const CSRF_HEADER = 'x-flowpilot-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface FieldError {
  /** Dotted path as the server reports it, e.g. `body.email`. */
  field: string;
  message: string;
}

interface ApiErrorInit {
  status: number;
  code: string;
  title: string;
  detail?: string | undefined;
  type?: string | undefined;
  errors?: FieldError[] | undefined;
  requestId?: string | undefined;
  retryAfterSeconds?: number | undefined;
}

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached at all. */
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ApiErrorInit) {
    super(init.detail || init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type ?? 'about:blank';
    this.errors = init.errors ?? [];
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** The server's message for a form field (`email` matches `body.email`). */
  fieldError(name: string): string | undefined {
    return this.errors.find((error) => fieldMatches(error.field, name))?.message;
  }

  /** Field errors not claimed by any of the form's own fields, to show in the form-level alert. */
  otherFieldErrors(names: readonly string[]): FieldError[] {
    return this.errors.filter((error) => !names.some((name) => fieldMatches(error.field, name)));
  }
}

export const isApiError = (value: unknown): value is ApiError => value instanceof ApiError;

function fieldMatches(field: string, name: string): boolean {
  const normalized = field.replace(/^\//, '').replaceAll('/', '.');
  return normalized === name || normalized.endsWith(`.${name}`);
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | undefined;

/**
 * Registers what happens when any request answers 401 (the session expired or never existed).
 * The app sends the user to the sign-in page; requests that expect a 401 opt out.
 */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | undefined): void {
  unauthorizedHandler = handler;
}

/** For transports outside `request` (the SSE client) that meet a 401 of their own. */
export function notifyUnauthorized(): void {
  unauthorizedHandler?.();
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string>;
  /** A 401 is an expected answer here (e.g. wrong password), not an expired session. */
  skipAuthRedirect?: boolean;
  /** Non-2xx statuses whose body is still the answer (e.g. a degraded health check's 503). */
  acceptStatuses?: readonly number[];
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function buildUrl(path: string, query: RequestOptions['query']): string {
  const url = `${API_BASE}${path.startsWith('/') ? path : `/${path}`}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${url}?${search}` : url;
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function parseRetryAfter(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

const fallbackDetail: Record<number, string> = {
  401: 'Your session has ended. Sign in again.',
  403: 'You do not have permission to do that.',
  404: 'That could not be found.',
  429: 'Too many requests. Wait a moment and try again.',
  502: 'The FlowPilot server is not reachable right now.',
  503: 'The FlowPilot server is temporarily unavailable.',
  504: 'The FlowPilot server took too long to answer.',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

function toFieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((item) =>
    isRecord(item) && typeof item.message === 'string'
      ? [{ field: typeof item.field === 'string' ? item.field : '', message: item.message }]
      : [],
  );
}

/** Builds an ApiError from any error response: problem details when present, a sane message otherwise. */
export function toApiError(response: Response, body: unknown): ApiError {
  const retryAfterSeconds = parseRetryAfter(response);
  if (isRecord(body) && typeof body.title === 'string') {
    return new ApiError({
      status: typeof body.status === 'number' ? body.status : response.status,
      code: optionalString(body.code) ?? `http_${response.status}`,
      title: body.title,
      detail: optionalString(body.detail) ?? fallbackDetail[response.status],
      type: optionalString(body.type),
      errors: toFieldErrors(body.errors),
      requestId: optionalString(body.request_id),
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    title: response.statusText || 'Request failed',
    detail: fallbackDetail[response.status] ?? `The server answered with status ${response.status}.`,
    retryAfterSeconds,
  });
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (!SAFE_METHODS.has(method)) headers[CSRF_HEADER] = '1';
  const init: RequestInit = { method, headers, credentials: 'same-origin', signal: options.signal ?? null };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Network error',
      detail: 'Could not reach the FlowPilot server. Check your connection and try again.',
    });
  }

  const body = await readBody(response);
  if (response.ok || options.acceptStatuses?.includes(response.status)) return body as T;

  if (response.status === 401 && !options.skipAuthRedirect) unauthorizedHandler?.();
  throw toApiError(response, body);
}

export const apiClient = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions) => request<T>('POST', path, options),
  put: <T>(path: string, options?: RequestOptions) => request<T>('PUT', path, options),
  patch: <T>(path: string, options?: RequestOptions) => request<T>('PATCH', path, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, options),
};

/** A title and a sentence for any thrown value, for error states and alerts. */
export function describeError(error: unknown): { title: string; detail: string; requestId?: string } {
  if (isApiError(error)) {
    const detail = error.detail ?? error.title;
    return error.requestId
      ? { title: error.title, detail, requestId: error.requestId }
      : { title: error.title, detail };
  }
  if (error instanceof Error) return { title: 'Something went wrong', detail: error.message };
  return { title: 'Something went wrong', detail: 'An unexpected error occurred.' };
}
