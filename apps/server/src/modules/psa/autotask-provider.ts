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
import type { ConcurrencyLimits, TokenBuckets } from './token-bucket.ts';

export interface AutotaskCredentials {
  /** Known zone (`https://webservicesN.autotask.net/ATServicesRest/`); looked up from the user when null. */
  zoneUrl: string | null;
  zoneLookupUrl: string;
  username: string;
  secret: string;
  integrationCode: string;
}

/** Autotask notes are capped at 32,000 characters. */
const MAX_NOTE = 32_000;
const TICKET_NUMBER = /^T\d{8}\.\d{4}$/i;

export class AutotaskProvider implements PsaProvider {
  readonly name = 'autotask' as const;
  readonly maxNoteChars = MAX_NOTE;
  private readonly http: PsaHttp;
  private base: string | null = null;

  constructor(
    private readonly credentials: AutotaskCredentials,
    policy: PsaHttpPolicy,
    buckets: TokenBuckets,
    bucketKey: string,
    concurrency: ConcurrencyLimits,
  ) {
    this.http = new PsaHttp({
      vendor: 'Autotask',
      policy,
      buckets,
      bucketKey,
      concurrency,
      secrets: [credentials.secret, credentials.integrationCode],
    });
  }

  private async apiBase(): Promise<string> {
    if (this.base) return this.base;
    let zone = this.credentials.zoneUrl;
    if (!zone) {
      const response = await this.http.request({
        method: 'GET',
        url: `${this.credentials.zoneLookupUrl}?user=${encodeURIComponent(this.credentials.username)}`,
      });
      zone = text(pick(response.body, 'url'));
      if (!zone)
        throw new PsaError('auth', `Autotask knows no zone for the user "${this.credentials.username}"`);
    }
    this.base = `${zone.replace(/\/+$/, '')}/V1.0`;
    return this.base;
  }

  private async call(
    method: 'GET' | 'POST' | 'PATCH',
    pathOrUrl: string,
    json?: unknown,
    idempotent?: boolean,
  ) {
    const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${await this.apiBase()}${pathOrUrl}`;
    return this.http.request({
      method,
      url,
      headers: {
        ApiIntegrationCode: this.credentials.integrationCode,
        UserName: this.credentials.username,
        Secret: this.credentials.secret,
      },
      json,
      // Queries are reads sent as POST.
      idempotent: idempotent ?? (method === 'GET' || pathOrUrl.endsWith('/query')),
      endpoint: pathOrUrl
        .replace(/^https?:\/\/[^/]+/, '')
        .split('?')[0]!
        .split('/')
        .slice(0, 3)
        .join('/'),
    });
  }

  /** Follows `pageDetails.nextPageUrl` until null or `limit` items. */
  private async query(entity: string, filter: unknown[], limit: number): Promise<unknown[]> {
    const items: unknown[] = [];
    let response = await this.call('POST', `/${entity}/query`, { filter, MaxRecords: Math.min(500, limit) });
    for (let page = 0; page < 50; page += 1) {
      const rows = pick(response.body, 'items');
      if (!Array.isArray(rows))
        throw new PsaError('bad_response', `Autotask sent a ${entity} list we could not read`);
      items.push(...rows);
      const next = text(pick(response.body, 'pageDetails', 'nextPageUrl'));
      if (!next || items.length >= limit) break;
      response = await this.call('GET', next);
    }
    return items.slice(0, limit);
  }

  private async nameOf(entity: string, id: unknown, read: (item: unknown) => string | null) {
    const key = idOf(id);
    if (!key) return null;
    try {
      return read(pick((await this.call('GET', `/${entity}/${key}`)).body, 'item'));
    } catch (error) {
      // A name we cannot read leaves the field empty rather than failing the whole ticket.
      if (error instanceof PsaError && !error.retryable) return null;
      throw error;
    }
  }

  private async toTicket(raw: unknown, withNames: boolean): Promise<PsaTicket> {
    const id = idOf(pick(raw, 'id'));
    if (!id) throw new PsaError('bad_response', 'Autotask sent a ticket without an id');
    const company = withNames
      ? await this.nameOf('Companies', pick(raw, 'companyID'), (item) => text(pick(item, 'companyName')))
      : null;
    const configuration = withNames
      ? await this.nameOf(
          'ConfigurationItems',
          pick(raw, 'configurationItemID'),
          (item) => text(pick(item, 'referenceTitle')) ?? text(pick(item, 'serialNumber')),
        )
      : null;
    const contact = withNames
      ? await this.nameOf(
          'Contacts',
          pick(raw, 'contactID'),
          (item) =>
            [text(pick(item, 'firstName')), text(pick(item, 'lastName'))].filter(Boolean).join(' ') || null,
        )
      : null;
    return {
      id,
      number: text(pick(raw, 'ticketNumber')) ?? id,
      summary: text(pick(raw, 'title')) ?? '',
      description: plainText(text(pick(raw, 'description')) ?? ''),
      statusId: idOf(pick(raw, 'status')),
      statusName: null,
      boardId: idOf(pick(raw, 'queueID')),
      boardName: null,
      company,
      contact,
      configuration,
      url: null,
    };
  }

  private async statusField() {
    const fields = pick((await this.call('GET', '/Tickets/entityInformation/fields')).body, 'fields');
    if (!Array.isArray(fields))
      throw new PsaError('bad_response', 'Autotask sent ticket fields we could not read');
    return fields.find((field) => pick(field, 'name') === 'status');
  }

  async testConnection() {
    await this.statusField();
    return { version: null };
  }

  async getTicket(ticketId: string) {
    const lookup = TICKET_NUMBER.test(ticketId)
      ? (await this.query('Tickets', [{ op: 'eq', field: 'ticketNumber', value: ticketId }], 1))[0]
      : pick((await this.call('GET', `/Tickets/${encodeURIComponent(ticketId)}`)).body, 'item');
    if (!lookup) throw new PsaError('not_found', `Autotask has no ticket ${ticketId}`, 404);
    return this.toTicket(lookup, true);
  }

  async searchTickets(query: string, limit = 25) {
    const words = query.trim();
    // Status 5 is "Complete" in a default Autotask instance (statuses are per-instance picklists).
    const open = { op: 'noteq', field: 'status', value: 5 };
    const filter = TICKET_NUMBER.test(words)
      ? [{ op: 'eq', field: 'ticketNumber', value: words.toUpperCase() }]
      : words
        ? [open, { op: 'contains', field: 'title', value: words }]
        : [open];
    const rows = await this.query('Tickets', filter, limit);
    const tickets = await Promise.all(rows.map((row) => this.toTicket(row, false)));
    return tickets.sort((a, b) => Number(b.id) - Number(a.id));
  }

  async listNotes(ticketId: string): Promise<PsaNote[]> {
    const rows = await this.query(
      'TicketNotes',
      [{ op: 'eq', field: 'ticketID', value: Number(ticketId) }],
      500,
    );
    return rows.map((row) => ({
      id: idOf(pick(row, 'id')) ?? '',
      text: [text(pick(row, 'title')), plainText(text(pick(row, 'description')) ?? '')]
        .filter(Boolean)
        .join('\n'),
      // publish 1 is "All Autotask Users"; anything else is narrower.
      internal: Number(pick(row, 'publish')) !== 1,
    }));
  }

  async listBoards(): Promise<PsaOption[]> {
    return [];
  }

  async listStatuses(): Promise<PsaOption[]> {
    const values = pick(await this.statusField(), 'picklistValues');
    if (!Array.isArray(values)) return [];
    return values
      .filter((value) => pick(value, 'isActive') !== false)
      .map((value) => ({ id: idOf(pick(value, 'value')) ?? '', name: text(pick(value, 'label')) ?? '' }));
  }

  async postNote(ticketId: string, kind: PsaNoteKind, noteText: string) {
    const response = await this.call(
      'POST',
      `/Tickets/${encodeURIComponent(ticketId)}/Notes`,
      {
        ticketID: Number(ticketId),
        title: kind === 'resolution' ? 'Resolution (FlowPilot)' : 'Escalation (FlowPilot)',
        description: noteText.slice(0, MAX_NOTE),
        // Picklists per instance; 1 = "Task Detail"/"All Autotask Users", 2 = internal in a default instance.
        noteType: 1,
        publish: kind === 'resolution' ? 1 : 2,
      },
      false,
    );
    const id = idOf(pick(response.body, 'itemId'));
    if (!id) throw new PsaError('bad_response', 'Autotask accepted the note but sent no itemId');
    return { id };
  }

  async setStatus(ticketId: string, statusId: string) {
    await this.call('PATCH', '/Tickets', { id: Number(ticketId), status: Number(statusId) }, true);
    const after = await this.getTicket(ticketId);
    return {
      requestedStatusId: statusId,
      actualStatusId: after.statusId,
      verified: after.statusId === statusId,
    };
  }

  async addTimeEntry(entry: TimeEntry) {
    const hours = Math.max(0.01, (entry.end.getTime() - entry.start.getTime()) / 3_600_000);
    const response = await this.call(
      'POST',
      '/TimeEntries',
      {
        ticketID: Number(entry.ticketId),
        resourceID: Number(entry.memberId),
        dateWorked: `${entry.start.toISOString().slice(0, 10)}T00:00:00Z`,
        startDateTime: entry.start.toISOString(),
        endDateTime: entry.end.toISOString(),
        hoursWorked: Math.round(hours * 100) / 100,
        summaryNotes: entry.notes,
      },
      false,
    );
    const id = idOf(pick(response.body, 'itemId'));
    if (!id) throw new PsaError('bad_response', 'Autotask accepted the time entry but sent no itemId');
    return { id };
  }

  async listTimeEntries(ticketId: string) {
    const rows = await this.query(
      'TimeEntries',
      [{ op: 'eq', field: 'ticketID', value: Number(ticketId) }],
      500,
    );
    return rows.map((row) => ({
      id: idOf(pick(row, 'id')) ?? '',
      notes: text(pick(row, 'summaryNotes')) ?? '',
    }));
  }

  async findMember(email: string): Promise<PsaMember[]> {
    const rows = await this.query('Resources', [{ op: 'eq', field: 'email', value: email }], 25);
    return rows.map((row) => ({
      id: idOf(pick(row, 'id')) ?? '',
      name: [text(pick(row, 'firstName')), text(pick(row, 'lastName'))].filter(Boolean).join(' '),
      email: text(pick(row, 'email')),
    }));
  }
}
