import { createHash } from 'node:crypto';
import { PsaHttp, idOf, pick, plainText, text, type PsaHttpPolicy } from './psa-http.ts';
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

export interface HaloCredentials {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Tokens outlive one client object (a client is built per request): cached per Halo, client id
 * and a hash of the secret, so a changed secret never reuses the old token.
 */
const tokens = new Map<string, { value: string; expiresAt: number }>();

/** Halo answers lists as a bare array or wrapped under a name, depending on the endpoint and version. */
function listOf(body: unknown, key: string): unknown[] {
  if (Array.isArray(body)) return body;
  const wrapped = pick(body, key);
  return Array.isArray(wrapped) ? wrapped : [];
}

export class HaloPsaProvider implements PsaProvider {
  readonly name = 'halopsa' as const;
  private readonly http: PsaHttp;
  private readonly tokenKey: string;

  constructor(
    private readonly credentials: HaloCredentials,
    policy: PsaHttpPolicy,
    buckets: TokenBuckets,
    bucketKey: string,
  ) {
    this.http = new PsaHttp({
      vendor: 'HaloPSA',
      policy,
      buckets,
      bucketKey,
      secrets: [credentials.clientSecret],
    });
    this.tokenKey = [
      trimSlash(credentials.baseUrl),
      credentials.clientId,
      createHash('sha256').update(credentials.clientSecret).digest('hex'),
    ].join('|');
  }

  private get base() {
    return trimSlash(this.credentials.baseUrl);
  }

  /** Client-credentials token, cached until a minute before it expires. */
  private async bearer(): Promise<string> {
    const cached = tokens.get(this.tokenKey);
    if (cached && Date.now() < cached.expiresAt) return cached.value;
    let tokenUrl = `${this.base}/auth/token`;
    try {
      const info = await this.http.request({ method: 'GET', url: `${this.base}/api/authinfo` });
      const authUrl = text(pick(info.body, 'auth_url'));
      const tenant = text(pick(info.body, 'tenant_id'));
      if (authUrl)
        tokenUrl = `${trimSlash(authUrl)}/token${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`;
    } catch (error) {
      // Self-hosted Halo may not serve authinfo; /auth/token on the same host is the documented fallback.
      if (!(error instanceof PsaError) || error.retryable) throw error;
    }
    const response = await this.http.request({
      method: 'POST',
      url: tokenUrl,
      form: {
        grant_type: 'client_credentials',
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        scope: 'all',
      },
      idempotent: true,
    });
    const value = text(pick(response.body, 'access_token'));
    if (!value) throw new PsaError('auth', 'HaloPSA issued no access token');
    const expiresIn = Number(pick(response.body, 'expires_in') ?? 3600);
    tokens.set(this.tokenKey, { value, expiresAt: Date.now() + Math.max(30, expiresIn - 60) * 1000 });
    return value;
  }

  private async call(method: 'GET' | 'POST', path: string, json?: unknown, idempotent?: boolean) {
    const attempt = async () =>
      this.http.request({
        method,
        url: `${this.base}/api${path}`,
        headers: { authorization: `Bearer ${await this.bearer()}` },
        json,
        idempotent,
      });
    try {
      return await attempt();
    } catch (error) {
      // A token revoked or expired early: fetch a new one once.
      if (error instanceof PsaError && error.kind === 'auth' && tokens.has(this.tokenKey)) {
        tokens.delete(this.tokenKey);
        return attempt();
      }
      throw error;
    }
  }

  private toTicket(raw: unknown): PsaTicket {
    const id = idOf(pick(raw, 'id'));
    if (!id) throw new PsaError('bad_response', 'HaloPSA sent a ticket without an id');
    const assets = pick(raw, 'assets');
    return {
      id,
      number: id,
      summary: text(pick(raw, 'summary')) ?? '',
      description: plainText(text(pick(raw, 'details')) ?? ''),
      statusId: idOf(pick(raw, 'status_id')),
      statusName: text(pick(raw, 'status_name')),
      boardId: idOf(pick(raw, 'team_id')),
      boardName: text(pick(raw, 'team')),
      company: text(pick(raw, 'client_name')),
      contact: text(pick(raw, 'user_name')),
      configuration: Array.isArray(assets)
        ? (text(pick(assets[0], 'inventory_number')) ?? text(pick(assets[0], 'key_field')))
        : (text(pick(raw, 'asset_number')) ?? null),
      url: `${this.base}/ticket?id=${id}`,
    };
  }

  async testConnection() {
    // Any authenticated read proves the credentials; the status list is small and always there.
    await this.call('GET', '/status');
    return { version: null };
  }

  async getTicket(ticketId: string) {
    return this.toTicket(
      (await this.call('GET', `/tickets/${encodeURIComponent(ticketId)}?includedetails=true`)).body,
    );
  }

  async searchTickets(query: string, limit = 25) {
    const tickets: PsaTicket[] = [];
    const pageSize = Math.min(50, limit);
    for (let page = 1; tickets.length < limit && page <= 20; page += 1) {
      // The parameter really is spelled `pageinate`.
      const params = new URLSearchParams({
        pageinate: 'true',
        page_size: String(pageSize),
        page_no: String(page),
        open_only: 'true',
        order: 'id',
        orderdesc: 'true',
      });
      if (query.trim()) params.set('search', query.trim());
      const body = (await this.call('GET', `/tickets?${params}`)).body;
      const rows = listOf(body, 'tickets');
      tickets.push(...rows.map((row) => this.toTicket(row)));
      const total = Number(pick(body, 'record_count') ?? rows.length);
      if (rows.length < pageSize || page * pageSize >= total) break;
    }
    return tickets.slice(0, limit);
  }

  /** The ticket's actions: Halo keeps notes and time alike as actions (time ones carry `timetaken`). */
  private async actions(ticketId: string) {
    const body = (
      await this.call('GET', `/actions?ticket_id=${encodeURIComponent(ticketId)}&excludesys=true`)
    ).body;
    return listOf(body, 'actions');
  }

  async listNotes(ticketId: string): Promise<PsaNote[]> {
    return (await this.actions(ticketId))
      .filter((row) => !(Number(pick(row, 'timetaken')) > 0))
      .map((row) => ({
        id: idOf(pick(row, 'id')) ?? '',
        text: plainText(text(pick(row, 'note')) ?? ''),
        internal: pick(row, 'hiddenfromuser') === true,
      }));
  }

  async listTimeEntries(ticketId: string) {
    return (await this.actions(ticketId))
      .filter((row) => Number(pick(row, 'timetaken')) > 0)
      .map((row) => ({ id: idOf(pick(row, 'id')) ?? '', notes: plainText(text(pick(row, 'note')) ?? '') }));
  }

  async listBoards(): Promise<PsaOption[]> {
    return [];
  }

  async listStatuses(): Promise<PsaOption[]> {
    const body = (await this.call('GET', '/status')).body;
    return listOf(body, 'statuses').map((row) => ({
      id: idOf(pick(row, 'id')) ?? '',
      name: text(pick(row, 'name')) ?? '',
    }));
  }

  /** Halo's create answers vary (the action, an array of them, or a wrapper): find the id wherever it is. */
  private createdId(body: unknown): string | null {
    const first = Array.isArray(body) ? body[0] : body;
    return idOf(pick(first, 'id')) ?? idOf(pick(first, 'actions', 0, 'id')) ?? null;
  }

  async postNote(ticketId: string, kind: PsaNoteKind, noteText: string) {
    const response = await this.call(
      'POST',
      '/actions',
      [
        {
          ticket_id: Number(ticketId),
          note: noteText,
          hiddenfromuser: kind === 'internal',
          sendemail: false,
        },
      ],
      false,
    );
    const id = this.createdId(response.body);
    if (!id) throw new PsaError('bad_response', 'HaloPSA accepted the note but sent no action id');
    return { id };
  }

  async setStatus(ticketId: string, statusId: string) {
    await this.call('POST', '/tickets', [{ id: Number(ticketId), status_id: Number(statusId) }], true);
    const after = await this.getTicket(ticketId);
    return {
      requestedStatusId: statusId,
      actualStatusId: after.statusId,
      verified: after.statusId === statusId,
    };
  }

  async addTimeEntry(entry: TimeEntry) {
    // Halo keeps time on actions: a private action carrying `timetaken` in hours.
    const hours = Math.max(0, (entry.end.getTime() - entry.start.getTime()) / 3_600_000);
    const response = await this.call(
      'POST',
      '/actions',
      [
        {
          ticket_id: Number(entry.ticketId),
          note: entry.notes,
          hiddenfromuser: true,
          timetaken: Math.round(hours * 100) / 100,
          agent_id: Number(entry.memberId),
          sendemail: false,
        },
      ],
      false,
    );
    const id = this.createdId(response.body);
    if (!id) throw new PsaError('bad_response', 'HaloPSA accepted the time but sent no action id');
    return { id };
  }

  async findMember(email: string): Promise<PsaMember[]> {
    const body = (await this.call('GET', `/agent?search=${encodeURIComponent(email)}`)).body;
    return listOf(body, 'agents')
      .map((row) => ({
        id: idOf(pick(row, 'id')) ?? '',
        name: text(pick(row, 'name')) ?? '',
        email: text(pick(row, 'email')),
      }))
      .filter((member) => !member.email || member.email.toLowerCase() === email.toLowerCase());
  }
}
