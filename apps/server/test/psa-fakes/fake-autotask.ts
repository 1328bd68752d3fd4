import {
  FakePsaServer,
  notFound,
  seedWorld,
  type FakePsa,
  type FakeReply,
  type FakeRequest,
  type FakeTicket,
} from './fake-psa-server.ts';

const USERNAME = 'api-user@msp.example';
const SECRET = 'autotaskSecretAbc';
const INTEGRATION_CODE = 'AUTOTASKINTEGRATIONCODE42';
const PAGE = 10;

/**
 * Autotask REST as PSA-APIS.md describes it: an unauthenticated zone lookup, the three
 * headers, `{item}` / `{items, pageDetails}` answers with `nextPageUrl` paging, notes as a
 * child collection, status as a picklist, PATCH with the id in the body.
 */
export async function startFakeAutotask(): Promise<FakePsa> {
  const world = seedWorld();
  const pending = new Map<string, { entity: string; filter: Filter[]; offset: number; size: number }>();
  type Filter = { op: string; field: string; value: unknown };

  const ticketJson = (t: FakeTicket) => ({
    id: t.id,
    ticketNumber: t.number,
    title: t.summary,
    description: t.description,
    status: t.statusId,
    companyID: 100,
    contactID: 200,
    configurationItemID: t.configuration ? 300 : null,
    queueID: t.boardId,
  });

  const entities: Record<string, () => Record<string, unknown>[]> = {
    Tickets: () => world.tickets.map(ticketJson),
    TicketNotes: () =>
      world.notes.map((n) => ({
        id: n.id,
        ticketID: n.ticketId,
        title: n.resolution ? 'Resolution' : 'Note',
        description: n.text,
        noteType: 1,
        publish: n.internal ? 2 : 1,
      })),
    TimeEntries: () =>
      world.timeEntries.map((e) => ({
        id: e.id,
        ticketID: e.ticketId,
        resourceID: e.memberId,
        summaryNotes: e.notes,
      })),
    Resources: () =>
      world.members.map((m) => ({ id: m.id, firstName: m.firstName, lastName: m.lastName, email: m.email })),
  };

  const matches = (row: Record<string, unknown>, filter: Filter[]) =>
    filter.every((f) => {
      const value = row[f.field];
      if (f.op === 'eq') return String(value).toLowerCase() === String(f.value).toLowerCase();
      if (f.op === 'noteq') return String(value) !== String(f.value);
      if (f.op === 'contains') return String(value).toLowerCase().includes(String(f.value).toLowerCase());
      return false;
    });

  const page = (key: string): FakeReply => {
    const state = pending.get(key)!;
    const rows = entities[state.entity]!().filter((row) => matches(row, state.filter));
    const items = rows.slice(state.offset, state.offset + state.size);
    let nextPageUrl: string | null = null;
    if (state.offset + state.size < rows.length) {
      const nextKey = `${key}n`;
      pending.set(nextKey, { ...state, offset: state.offset + state.size });
      nextPageUrl = `${fake.server.url}/ATServicesRest/V1.0/${state.entity}/query/next?paging=${nextKey}`;
    }
    return {
      status: 200,
      body: {
        items,
        pageDetails: { count: items.length, requestCount: state.size, prevPageUrl: null, nextPageUrl },
      },
    };
  };

  const handler = (request: FakeRequest): FakeReply => {
    const { method, path } = request;
    if (method === 'GET' && path === '/atservicesrest/v1.0/zoneInformation') {
      return request.query.get('user') === USERNAME
        ? {
            status: 200,
            body: {
              zoneName: 'Fake Zone',
              url: `${fake.server.url}/ATServicesRest/`,
              webUrl: fake.server.url,
              ci: 1,
            },
          }
        : { status: 500, body: { errors: ['Zone information could not be determined'] } };
    }
    const base = '/ATServicesRest/V1.0';
    if (!path.startsWith(base)) return notFound('path');
    const h = request.headers;
    if (h.username !== USERNAME || h.secret !== SECRET || h.apiintegrationcode !== INTEGRATION_CODE) {
      return { status: 401, body: { errors: ['User authentication failed'] } };
    }
    const rest = path.slice(base.length);
    let match: RegExpExecArray | null;
    if (method === 'GET' && rest === '/Tickets/entityInformation/fields') {
      return {
        status: 200,
        body: {
          fields: [
            { name: 'id', dataType: 'long', isPickList: false },
            {
              name: 'status',
              dataType: 'integer',
              isPickList: true,
              picklistValues: world.statuses.map((s) => ({
                value: String(s.id),
                label: s.name,
                isActive: true,
              })),
            },
          ],
        },
      };
    }
    if ((match = /^\/(\w+)\/query$/.exec(rest)) && method === 'POST') {
      const entity = match[1]!;
      if (!entities[entity]) return notFound('entity');
      const body = request.body as { filter?: Filter[]; MaxRecords?: number };
      if (!Array.isArray(body?.filter)) return { status: 400, body: { errors: ['filter is required'] } };
      const key = `q${world.nextId++}`;
      pending.set(key, {
        entity,
        filter: body.filter,
        offset: 0,
        size: Math.min(PAGE, body.MaxRecords ?? 500),
      });
      return page(key);
    }
    if (/^\/\w+\/query\/next$/.test(rest) && method === 'GET') {
      const key = request.query.get('paging') ?? '';
      return pending.has(key) ? page(key) : notFound('page');
    }
    if ((match = /^\/Tickets\/(\d+)$/.exec(rest)) && method === 'GET') {
      const ticket = world.tickets.find((t) => String(t.id) === match![1]);
      return ticket ? { status: 200, body: { item: ticketJson(ticket) } } : notFound('ticket');
    }
    if (method === 'GET' && rest === '/Companies/100')
      return { status: 200, body: { item: { id: 100, companyName: 'Contoso Ltd' } } };
    if (method === 'GET' && rest === '/Contacts/200')
      return { status: 200, body: { item: { id: 200, firstName: 'Dana', lastName: 'Reyes' } } };
    if (method === 'GET' && rest === '/ConfigurationItems/300')
      return { status: 200, body: { item: { id: 300, referenceTitle: 'LT-0042' } } };
    if (method === 'PATCH' && rest === '/Tickets') {
      const body = request.body as { id: number; status?: number };
      const ticket = world.tickets.find((t) => t.id === body?.id);
      if (!ticket) return notFound('ticket');
      if (body.status !== undefined && !fake.server.ignoreStatusChanges) ticket.statusId = body.status;
      return { status: 200, body: { itemId: ticket.id } };
    }
    if ((match = /^\/Tickets\/(\d+)\/Notes$/.exec(rest)) && method === 'POST') {
      const ticket = world.tickets.find((t) => String(t.id) === match![1]);
      if (!ticket) return notFound('ticket');
      const body = request.body as Record<string, unknown>;
      if (!body.description || body.noteType === undefined || body.publish === undefined) {
        return { status: 500, body: { errors: ['noteType, publish and description are required'] } };
      }
      // TicketNotes.description holds at most 32,000 characters; Autotask answers 500 beyond.
      if (String(body.description).length > 32_000) {
        return { status: 500, body: { errors: ['description: value exceeds the maximum length of 32000'] } };
      }
      const note = {
        id: world.nextId++,
        ticketId: ticket.id,
        text: String(body.description),
        internal: body.publish !== 1,
        resolution: String(body.title).startsWith('Resolution'),
      };
      world.notes.push(note);
      return { status: 200, body: { itemId: note.id } };
    }
    if (method === 'POST' && rest === '/TimeEntries') {
      const body = request.body as Record<string, unknown>;
      const entry = {
        id: world.nextId++,
        ticketId: Number(body.ticketID),
        memberId: Number(body.resourceID),
        start: String(body.startDateTime),
        end: String(body.endDateTime),
        notes: String(body.summaryNotes),
      };
      world.timeEntries.push(entry);
      return { status: 200, body: { itemId: entry.id } };
    }
    return notFound('route');
  };

  const server = await new FakePsaServer(handler).start();
  const fake: FakePsa = {
    provider: 'autotask',
    server,
    world,
    connection: (overrides = {}) => ({
      provider: 'autotask',
      username: USERNAME,
      secret: SECRET,
      integration_code: INTEGRATION_CODE,
      ...overrides,
    }),
    wrongConnection: () => ({ ...fake.connection(), secret: 'wrongAutotaskSecret' }),
    secrets: [SECRET, INTEGRATION_CODE],
    ticketId: '4711',
    ticketNumber: 'T20260101.0001',
    resolvedStatusId: '5',
    escalatedStatusId: '7',
    memberId: '77',
    memberEmail: 'sam@msp.example',
    providerConfig: { autotaskZoneLookupUrl: '' },
    close: () => server.close(),
  };
  fake.providerConfig = { autotaskZoneLookupUrl: `${server.url}/atservicesrest/v1.0/zoneInformation` };
  return fake;
}
