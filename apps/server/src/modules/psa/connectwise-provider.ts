import { PsaHttp, idOf, pick, text, type PsaHttpPolicy } from './psa-http.ts';
import {
  PsaError,
  type PsaMember,
  type PsaNote,
  type PsaNoteKind,
  type PsaOption,
  type PsaProvider,
  type PsaTicket,
  type TimeEntry,
} from './psa-provider.ts';
import type { TokenBuckets } from './token-bucket.ts';

export interface ConnectWiseCredentials {
  /** The API host's base URL as entered, e.g. https://api-na.myconnectwise.net. */
  siteUrl: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');
/** Conditions are a small query language inside a string: quotes and wildcards are taken out of user text. */
const conditionText = (value: string) => value.replace(/["\\%]/g, ' ').trim();

/** Codebases by site and company, for an hour: a client is built per request, the lookup need not be. */
const codebases = new Map<string, { base: string; until: number }>();

/** ConnectWise's time format: UTC, no milliseconds. */
const cwTime = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;

export class ConnectWiseProvider implements PsaProvider {
  readonly name = 'connectwise' as const;
  private readonly http: PsaHttp;
  private base: string | null = null;

  constructor(
    private readonly credentials: ConnectWiseCredentials,
    policy: PsaHttpPolicy,
    buckets: TokenBuckets,
    bucketKey: string,
  ) {
    this.http = new PsaHttp({
      vendor: 'ConnectWise',
      policy,
      buckets,
      bucketKey,
      secrets: [credentials.publicKey, credentials.privateKey],
    });
  }

  private get headers() {
    const { companyId, publicKey, privateKey, clientId } = this.credentials;
    return {
      authorization: `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`).toString('base64')}`,
      clientId,
    };
  }

  /** The codebase (e.g. `v2025_1/`) is looked up on the site, unauthenticated, once per client. */
  private async apiBase(): Promise<string> {
    if (this.base) return this.base;
    const site = trimSlash(this.credentials.siteUrl);
    const cacheKey = `${site}|${this.credentials.companyId}`;
    const cached = codebases.get(cacheKey);
    if (cached && cached.until > Date.now()) return (this.base = cached.base);
    const response = await this.http.request({
      method: 'GET',
      url: `${site}/login/companyinfo/${encodeURIComponent(this.credentials.companyId)}`,
    });
    const codebase = text(pick(response.body, 'Codebase'));
    if (!codebase) {
      throw new PsaError(
        'auth',
        `ConnectWise does not know the company "${this.credentials.companyId}" on ${site}`,
      );
    }
    this.base = `${site}/${codebase.replace(/^\/+/, '').replace(/\/*$/, '/')}apis/3.0`;
    codebases.set(cacheKey, { base: this.base, until: Date.now() + 3_600_000 });
    return this.base;
  }

  private async call(method: 'GET' | 'POST' | 'PATCH', path: string, json?: unknown, idempotent?: boolean) {
    const response = await this.http.request({
      method,
      url: `${await this.apiBase()}${path}`,
      headers: this.headers,
      json,
      idempotent,
    });
    return response;
  }

  /** Follows `Link: <…>; rel="next"` (pages start at 1) up to `limit` items. */
  private async pages(path: string, limit: number): Promise<unknown[]> {
    const items: unknown[] = [];
    let url: string | null = `${await this.apiBase()}${path}`;
    while (url && items.length < limit) {
      const response = await this.http.request({ method: 'GET', url, headers: this.headers });
      if (!Array.isArray(response.body))
        throw new PsaError('bad_response', 'ConnectWise sent a list we could not read');
      items.push(...response.body);
      const next = /<([^>]+)>;\s*rel="?next"?/.exec(response.headers.get('link') ?? '');
      url = next ? next[1]! : null;
    }
    return items.slice(0, limit);
  }

  private ticketUrl(id: string) {
    // The API host is api-{region}.myconnectwise.net; the screens live on {region}.myconnectwise.net.
    const site = trimSlash(this.credentials.siteUrl).replace('://api-', '://');
    return `${site}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=${id}&companyName=${encodeURIComponent(this.credentials.companyId)}`;
  }

  private toTicket(raw: unknown): PsaTicket {
    const id = idOf(pick(raw, 'id'));
    if (!id) throw new PsaError('bad_response', 'ConnectWise sent a ticket without an id');
    const configurations = pick(raw, 'configurations');
    return {
      id,
      number: id,
      summary: text(pick(raw, 'summary')) ?? '',
      description: text(pick(raw, 'initialDescription')) ?? '',
      statusId: idOf(pick(raw, 'status', 'id')),
      statusName: text(pick(raw, 'status', 'name')),
      boardId: idOf(pick(raw, 'board', 'id')),
      boardName: text(pick(raw, 'board', 'name')),
      company: text(pick(raw, 'company', 'name')) ?? text(pick(raw, 'company', 'identifier')),
      contact: text(pick(raw, 'contact', 'name')),
      configuration: Array.isArray(configurations)
        ? (text(pick(configurations[0], 'name')) ?? text(pick(configurations[0], 'deviceIdentifier')))
        : null,
      url: this.ticketUrl(id),
    };
  }

  async testConnection() {
    const response = await this.call('GET', '/system/info');
    return { version: text(pick(response.body, 'version')) };
  }

  async getTicket(ticketId: string) {
    return this.toTicket((await this.call('GET', `/service/tickets/${encodeURIComponent(ticketId)}`)).body);
  }

  async searchTickets(query: string, limit = 25) {
    const words = conditionText(query);
    const conditions = /^\d+$/.test(words)
      ? `id = ${words}`
      : `closedFlag = false${words ? ` and summary like "%${words}%"` : ''}`;
    const params = new URLSearchParams({
      conditions,
      orderBy: 'id desc',
      page: '1',
      pageSize: String(Math.min(limit, 100)),
    });
    const rows = await this.pages(`/service/tickets?${params}`, limit);
    return rows.map((row) => this.toTicket(row));
  }

  async listNotes(ticketId: string): Promise<PsaNote[]> {
    const rows = await this.pages(
      `/service/tickets/${encodeURIComponent(ticketId)}/notes?pageSize=100&page=1`,
      500,
    );
    return rows.map((row) => ({
      id: idOf(pick(row, 'id')) ?? '',
      text: text(pick(row, 'text')) ?? '',
      internal: pick(row, 'internalAnalysisFlag') === true,
    }));
  }

  async listBoards(): Promise<PsaOption[]> {
    const rows = await this.pages(
      '/service/boards?conditions=inactiveFlag%20%3D%20false&pageSize=100&page=1',
      500,
    );
    return rows.map((row) => ({ id: idOf(pick(row, 'id')) ?? '', name: text(pick(row, 'name')) ?? '' }));
  }

  async listStatuses(boardId?: string | null): Promise<PsaOption[]> {
    // Statuses belong to a board in ConnectWise; without one there is nothing to list.
    if (!boardId) return [];
    const rows = await this.pages(
      `/service/boards/${encodeURIComponent(boardId)}/statuses?pageSize=100&page=1`,
      500,
    );
    return rows.map((row) => ({ id: idOf(pick(row, 'id')) ?? '', name: text(pick(row, 'name')) ?? '' }));
  }

  async postNote(ticketId: string, kind: PsaNoteKind, noteText: string) {
    const response = await this.call(
      'POST',
      `/service/tickets/${encodeURIComponent(ticketId)}/notes`,
      {
        text: noteText,
        detailDescriptionFlag: false,
        internalAnalysisFlag: kind === 'internal',
        resolutionFlag: kind === 'resolution',
        processNotifications: false,
      },
      false,
    );
    const id = idOf(pick(response.body, 'id'));
    if (!id) throw new PsaError('bad_response', 'ConnectWise accepted the note but sent no note id');
    return { id };
  }

  async setStatus(ticketId: string, statusId: string) {
    await this.call(
      'PATCH',
      `/service/tickets/${encodeURIComponent(ticketId)}`,
      [{ op: 'replace', path: 'status', value: { id: Number(statusId) } }],
      true,
    );
    // Workflow rules can accept the PATCH and keep the old status: believe the ticket, not the 200.
    const after = await this.getTicket(ticketId);
    return {
      requestedStatusId: statusId,
      actualStatusId: after.statusId,
      verified: after.statusId === statusId,
    };
  }

  async addTimeEntry(entry: TimeEntry) {
    const response = await this.call(
      'POST',
      '/time/entries',
      {
        chargeToId: Number(entry.ticketId),
        chargeToType: 'ServiceTicket',
        member: { id: Number(entry.memberId) },
        timeStart: cwTime(entry.start),
        timeEnd: cwTime(entry.end),
        notes: entry.notes,
        addToInternalAnalysisFlag: true,
        billableOption: 'Billable',
      },
      false,
    );
    const id = idOf(pick(response.body, 'id'));
    if (!id) throw new PsaError('bad_response', 'ConnectWise accepted the time entry but sent no id');
    return { id };
  }

  async listTimeEntries(ticketId: string) {
    const params = new URLSearchParams({
      conditions: `chargeToType = "ServiceTicket" AND chargeToId = ${Number(ticketId)}`,
      pageSize: '100',
      page: '1',
    });
    const rows = await this.pages(`/time/entries?${params}`, 500);
    return rows.map((row) => ({ id: idOf(pick(row, 'id')) ?? '', notes: text(pick(row, 'notes')) ?? '' }));
  }

  async findMember(email: string): Promise<PsaMember[]> {
    const params = new URLSearchParams({
      conditions: `primaryEmail = "${conditionText(email)}"`,
      pageSize: '25',
    });
    const rows = await this.pages(`/system/members?${params}`, 25);
    return rows.map((row) => ({
      id: idOf(pick(row, 'id')) ?? '',
      name:
        [text(pick(row, 'firstName')), text(pick(row, 'lastName'))].filter(Boolean).join(' ') ||
        (text(pick(row, 'identifier')) ?? ''),
      email: text(pick(row, 'primaryEmail')),
    }));
  }
}
