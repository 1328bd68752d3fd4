import { PsaError } from './psa-provider.ts';
import type { ConcurrencyLimits, TokenBuckets } from './token-bucket.ts';

export interface PsaHttpPolicy {
  timeoutMs: number;
  /** Extra tries within one call, for answers that say "not now" (429/5xx). */
  maxRetries: number;
  backoffBaseMs: number;
  /** A longer Retry-After is not waited out inside a call: the error carries it to the job runner. */
  maxInlineWaitMs: number;
  /** Hosts requests may go to (PSA_ALLOWED_HOSTS); undefined allows any. */
  allowedHosts?: string[] | undefined;
}

export interface PsaHttpOptions {
  vendor: string;
  policy: PsaHttpPolicy;
  buckets: TokenBuckets;
  bucketKey: string;
  concurrency?: ConcurrencyLimits | undefined;
  /** Values that must never appear in an error message (the PSA may echo a header back). */
  secrets: string[];
}

export interface PsaRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /**
   * A write that creates something (a note, a time entry) is not repeated after a timeout or
   * a 500/502/504: the PSA may have done it. It is repeated after 429 and 503, which say it
   * did not. The delivery job looks the note up before posting again.
   */
  idempotent?: boolean;
  /** Concurrency slot name (Autotask counts per endpoint). */
  endpoint?: string;
}

export interface PsaResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry-After is seconds or an HTTP date; anything else is ignored. */
export function parseRetryAfter(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000);
}

/** The PSA's own message, wherever its error body keeps it. */
function reasonOf(body: unknown): string | null {
  if (typeof body === 'string') return body.trim().slice(0, 300) || null;
  if (!body || typeof body !== 'object') return null;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'error_description', 'Message', 'error', 'title']) {
    if (typeof record[key] === 'string' && record[key]) return (record[key] as string).slice(0, 300);
  }
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    return record.errors
      .map((e) => (typeof e === 'string' ? e : ((e as { message?: string })?.message ?? JSON.stringify(e))))
      .join('; ')
      .slice(0, 300);
  }
  return null;
}

export class PsaHttp {
  constructor(private readonly options: PsaHttpOptions) {}

  private scrub(text: string) {
    let out = text;
    for (const secret of this.options.secrets) {
      if (secret.length >= 4) out = out.split(secret).join('••••');
    }
    return out;
  }

  private errorFor(status: number, body: unknown, retryAfter: number | null): PsaError {
    const vendor = this.options.vendor;
    const reason = reasonOf(body);
    const said = reason ? `: ${this.scrub(reason)}` : '';
    if (status === 401 || status === 403) {
      return new PsaError('auth', `${vendor} refused the credentials (${status})${said}`, status);
    }
    if (status === 404) return new PsaError('not_found', `${vendor} has no such record (404)${said}`, status);
    if (status === 429) {
      return new PsaError('rate_limited', `${vendor} is rate limiting us (429)${said}`, status, retryAfter);
    }
    if (status >= 500) {
      return new PsaError('unavailable', `${vendor} is unavailable (${status})${said}`, status, retryAfter);
    }
    return new PsaError('rejected', `${vendor} refused the request (${status})${said}`, status);
  }

  async request(request: PsaRequest): Promise<PsaResponse> {
    const { policy } = this.options;
    const idempotent = request.idempotent ?? request.method === 'GET';
    for (let attempt = 0; ; attempt += 1) {
      await this.options.buckets.take(this.options.bucketKey);
      let error: PsaError;
      try {
        const run = () => this.once(request);
        const response = this.options.concurrency
          ? await this.options.concurrency.run(`${this.options.bucketKey}:${request.endpoint ?? 'all'}`, run)
          : await run();
        if (response.status < 400) return response;
        error = this.errorFor(
          response.status,
          response.body,
          parseRetryAfter(response.headers.get('retry-after')),
        );
      } catch (caught) {
        if (!(caught instanceof PsaError)) throw caught;
        error = caught;
      }
      const safeToRepeat =
        error.kind === 'rate_limited' ||
        (error.kind === 'unavailable' && error.httpStatus === 503) ||
        (error.retryable && idempotent);
      if (!safeToRepeat || attempt >= policy.maxRetries) throw error;
      const backoff = policy.backoffBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
      const waitMs = error.retryAfterSeconds !== null ? error.retryAfterSeconds * 1000 : backoff;
      if (waitMs > policy.maxInlineWaitMs) throw error;
      await sleep(waitMs);
    }
  }

  private async once(request: PsaRequest): Promise<PsaResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(request.form).toString();
    }
    const host = new URL(request.url).hostname.toLowerCase();
    const allowed = this.options.policy.allowedHosts;
    if (allowed && !allowed.includes(host)) {
      throw new PsaError(
        'rejected',
        `${this.options.vendor} host ${host} is not allowed (PSA_ALLOWED_HOSTS)`,
      );
    }
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(this.options.policy.timeoutMs),
        redirect: 'error',
      });
    } catch (caught) {
      const name = (caught as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PsaError(
          'timeout',
          `${this.options.vendor} did not answer within ${this.options.policy.timeoutMs} ms`,
        );
      }
      throw new PsaError(
        'network',
        `${this.options.vendor} could not be reached (${this.scrub((caught as Error).message)})`,
      );
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new PsaError('timeout', `${this.options.vendor} stopped answering mid-response`);
    }
    let parsed: unknown = text;
    if (text && /json/i.test(response.headers.get('content-type') ?? '')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new PsaError(
          'bad_response',
          `${this.options.vendor} sent JSON we could not read (${response.status})`,
        );
      }
    } else if (text.trim() === 'null') {
      parsed = null;
    } else if (!text) {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }
}

/** Reads a field defensively: PSAs omit, rename and null things more than their docs say. */
export function pick(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

export const idOf = (value: unknown): string | null =>
  typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : null;

/** Halo and Autotask descriptions may be HTML; the intake wants readable text. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
