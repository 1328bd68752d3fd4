import {
  FakePsaServer,
  notFound,
  seedWorld,
  type FakePsa,
  type FakeReply,
  type FakeRequest,
  type FakeTicket,
} from './fake-psa-server.ts';

const CLIENT_ID = 'halo-client-1';
const CLIENT_SECRET = 'haloClientSecret789';

/**
 * HaloPSA as PSA-APIS.md describes it: authinfo → token (form-encoded client credentials,
 * expiring bearer), `pageinate` paging with record_count, notes as actions posted as arrays,
 * status changes through POST /api/tickets. Tokens expire after `tokenTtlSeconds`.
 */
export async function startFakeHaloPsa(
  options: { tokenTtlSeconds?: number } = {},
): Promise<FakePsa & { tokensIssued: () => number }> {
  const world = seedWorld();
  const tokens = new Map<string, number>();
  let issued = 0;

  const ticketJson = (t: FakeTicket) => ({
    id: t.id,
    summary: t.summary,
    details: `<p>${t.description}</p>`,
    client_id: 1,
    client_name: t.company,
    site_name: 'Main',
    user_name: t.contact,
    status_id: t.statusId,
    team: 'Service Desk',
    ...(t.configuration ? { assets: [{ id: 3, inventory_number: t.configuration }] } : {}),
  });

  const handler = (request: FakeRequest): FakeReply => {
    const { method, path } = request;
    if (method === 'GET' && path === '/api/authinfo') {
      return { status: 200, body: { auth_url: `${fake.server.url}/auth`, tenant_id: 'acme' } };
    }
    if (method === 'POST' && path === '/auth/token') {
      const form = request.body as Record<string, string>;
      if (
        form.grant_type !== 'client_credentials' ||
        form.client_id !== CLIENT_ID ||
        form.client_secret !== CLIENT_SECRET
      ) {
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'The client credentials are invalid' },
        };
      }
      issued += 1;
      const token = `halo-token-${issued}`;
      const ttl = options.tokenTtlSeconds ?? 3600;
      tokens.set(token, Date.now() + ttl * 1000);
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: ttl } };
    }
    if (!path.startsWith('/api/')) return notFound('path');
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || (tokens.get(bearer) ?? 0) < Date.now())
      return { status: 401, body: { message: 'Token expired or invalid' } };
    let match: RegExpExecArray | null;
    if (method === 'GET' && path === '/api/status') {
      return { status: 200, body: world.statuses.map((s) => ({ id: s.id, name: s.name })) };
    }
    if (method === 'GET' && path === '/api/tickets') {
      if (request.query.get('pageinate') !== 'true')
        return { status: 200, body: { tickets: world.tickets.map(ticketJson) } };
      const search = (request.query.get('search') ?? '').toLowerCase();
      const rows = world.tickets
        .filter((t) => !t.closed || request.query.get('open_only') !== 'true')
        .filter((t) => !search || t.summary.toLowerCase().includes(search) || String(t.id) === search)
        .sort((a, b) => b.id - a.id);
      const pageSize = Number(request.query.get('page_size') ?? 50);
      const page = Number(request.query.get('page_no') ?? 1);
      return {
        status: 200,
        body: {
          page_no: page,
          page_size: pageSize,
          record_count: rows.length,
          tickets: rows.slice((page - 1) * pageSize, page * pageSize).map(ticketJson),
        },
      };
    }
    if (method === 'POST' && path === '/api/tickets') {
      const updates = request.body as { id: number; status_id?: number }[];
      if (!Array.isArray(updates)) return { status: 400, body: { message: 'Expected an array' } };
      for (const update of updates) {
        const ticket = world.tickets.find((t) => t.id === update.id);
        if (!ticket) return notFound('ticket');
        if (update.status_id !== undefined && !fake.server.ignoreStatusChanges)
          ticket.statusId = update.status_id;
      }
      return { status: 201, body: updates.map((u) => ticketJson(world.tickets.find((t) => t.id === u.id)!)) };
    }
    if ((match = /^\/api\/tickets\/(\d+)$/.exec(path)) && method === 'GET') {
      const ticket = world.tickets.find((t) => String(t.id) === match![1]);
      return ticket ? { status: 200, body: ticketJson(ticket) } : notFound('ticket');
    }
    if (method === 'GET' && path === '/api/actions') {
      const id = Number(request.query.get('ticket_id'));
      // Notes and time alike are actions; time ones carry `timetaken` (hours).
      const actions = [
        ...world.notes
          .filter((n) => n.ticketId === id)
          .map((n) => ({
            id: n.id,
            ticket_id: n.ticketId,
            note: n.text,
            hiddenfromuser: n.internal,
            timetaken: 0,
          })),
        ...world.timeEntries
          .filter((e) => e.ticketId === id)
          .map((e) => ({
            id: e.id,
            ticket_id: e.ticketId,
            note: e.notes,
            hiddenfromuser: true,
            timetaken: 0.5,
          })),
      ].sort((a, b) => a.id - b.id);
      return { status: 200, body: { record_count: actions.length, actions } };
    }
    if (method === 'POST' && path === '/api/actions') {
      const actions = request.body as Record<string, unknown>[];
      if (!Array.isArray(actions)) return { status: 400, body: { message: 'Expected an array of actions' } };
      const created = actions.map((action) => {
        const ticket = world.tickets.find((t) => t.id === action.ticket_id);
        if (!ticket) throw new Error('ticket not found');
        const id = world.nextId++;
        if (typeof action.timetaken === 'number' && action.timetaken > 0) {
          world.timeEntries.push({
            id,
            ticketId: ticket.id,
            memberId: Number(action.agent_id),
            start: '',
            end: '',
            notes: String(action.note),
          });
        } else {
          world.notes.push({
            id,
            ticketId: ticket.id,
            text: String(action.note),
            internal: action.hiddenfromuser === true,
            resolution: action.hiddenfromuser !== true,
          });
        }
        return { id, ticket_id: ticket.id, note: action.note };
      });
      // Halo's documented answer shape is vague; this fake answers one object, as most instances do.
      return { status: 201, body: created.length === 1 ? created[0] : created };
    }
    if (method === 'GET' && path === '/api/agent') {
      const search = (request.query.get('search') ?? '').toLowerCase();
      return {
        status: 200,
        body: world.members
          .filter((m) => !search || m.email.toLowerCase().includes(search))
          .map((m) => ({ id: m.id, name: `${m.firstName} ${m.lastName}`, email: m.email })),
      };
    }
    return notFound('route');
  };

  const server = await new FakePsaServer(handler).start();
  const fake = {
    provider: 'halopsa' as const,
    server,
    world,
    connection: (overrides: Record<string, unknown> = {}) => ({
      provider: 'halopsa',
      base_url: server.url,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      ...overrides,
    }),
    wrongConnection: () => ({ ...fake.connection(), client_secret: 'wrongHaloSecret000' }),
    secrets: [CLIENT_SECRET],
    ticketId: '4711',
    ticketNumber: '4711',
    resolvedStatusId: '5',
    escalatedStatusId: '7',
    memberId: '77',
    memberEmail: 'sam@msp.example',
    tokensIssued: () => issued,
    close: () => server.close(),
  };
  return fake;
}
