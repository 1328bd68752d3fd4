import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient, ApiError, CSRF_HEADER, setUnauthorizedHandler } from './api-client';
import { loginPathFor, safeNextPath } from './auth-redirect';

const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', status, ...body }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

function stubFetch(response: Response | (() => Promise<Response>)) {
  const fetchMock = vi.fn<typeof fetch>(async () => (typeof response === 'function' ? response() : response));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const headersOf = (fetchMock: ReturnType<typeof stubFetch>) =>
  (fetchMock.mock.calls[0]?.[1]?.headers ?? {}) as Record<string, string>;

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(undefined);
});

describe('apiClient', () => {
  it('sends the CSRF header and the cookie on unsafe methods only', async () => {
    let fetchMock = stubFetch(Response.json({ ok: true }));
    await apiClient.post('/auth/logout', { body: { a: 1 } });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/auth/logout');
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('same-origin');
    expect(headersOf(fetchMock)[CSRF_HEADER]).toBe('1');
    expect(headersOf(fetchMock)['content-type']).toBe('application/json');

    fetchMock = stubFetch(Response.json({ items: [] }));
    await apiClient.get('/users', { query: { q: 'dns', status: undefined } });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/users?q=dns');
    expect(headersOf(fetchMock)[CSRF_HEADER]).toBeUndefined();
  });

  it('turns problem details into an ApiError with field errors', async () => {
    stubFetch(
      problem(422, {
        title: 'Validation failed',
        detail: 'The request does not match the schema.',
        code: 'validation_failed',
        request_id: 'req-1',
        errors: [
          { field: 'body.password', message: 'must be at least 10 characters' },
          { field: 'body.extra', message: 'is not allowed' },
        ],
      }),
    );
    const error = await apiClient.post('/auth/signup', { body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError).toMatchObject({ status: 422, code: 'validation_failed', requestId: 'req-1' });
    expect(apiError.message).toBe('The request does not match the schema.');
    expect(apiError.fieldError('password')).toBe('must be at least 10 characters');
    expect(apiError.otherFieldErrors(['password']).map((e) => e.field)).toEqual(['body.extra']);
  });

  it('reports a 401 to the unauthorized handler unless the caller expects it', async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);

    stubFetch(
      problem(401, { title: 'Authentication required', detail: 'Sign in.', code: 'unauthenticated' }),
    );
    await expect(apiClient.get('/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);

    stubFetch(
      problem(401, { title: 'Authentication required', detail: 'Wrong password.', code: 'unauthenticated' }),
    );
    await expect(apiClient.post('/auth/login', { body: {}, skipAuthRedirect: true })).rejects.toMatchObject({
      detail: 'Wrong password.',
    });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('reads Retry-After on 429 and copes with non-JSON error bodies', async () => {
    stubFetch(
      problem(
        429,
        { title: 'Too many requests', detail: 'Slow down.', code: 'rate_limited' },
        { 'retry-after': '30' },
      ),
    );
    await expect(apiClient.post('/auth/login')).rejects.toMatchObject({ status: 429, retryAfterSeconds: 30 });

    stubFetch(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiClient.get('/health')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('maps a network failure to status 0 and returns undefined for 204', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(apiClient.get('/auth/me')).rejects.toMatchObject({ status: 0, code: 'network_error' });

    stubFetch(new Response(null, { status: 204 }));
    await expect(apiClient.post('/auth/logout')).resolves.toBeUndefined();
  });
});

describe('auth redirect', () => {
  it('remembers the destination and refuses off-site or looping targets', () => {
    expect(loginPathFor('/settings?tab=users')).toBe('/login?next=%2Fsettings%3Ftab%3Dusers');
    expect(loginPathFor('/pilot')).toBe('/login');
    expect(safeNextPath('//evil.example/x')).toBe('/pilot');
    expect(safeNextPath('https://evil.example')).toBe('/pilot');
    expect(safeNextPath('/\\evil.example')).toBe('/pilot');
    expect(safeNextPath('/login?next=/x')).toBe('/pilot');
    expect(safeNextPath('/scripts')).toBe('/scripts');
  });
});
