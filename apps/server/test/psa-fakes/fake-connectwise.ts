import {
  FakePsaServer,
  notFound,
  seedWorld,
  type FakePsa,
  type FakeReply,
  type FakeRequest,
  type FakeTicket,
} from './fake-psa-server.ts';

const COMPANY = 'contoso_msp';
const PUBLIC_KEY = 'cwPublicKey123';
const PRIVATE_KEY = 'cwPrivateKeySecret456';
const CLIENT_ID = '9f2b3c4d-0000-4000-8000-000000000001';
const CODEBASE = 'v2025_1/';

/**
 * ConnectWise Manage REST 3.0 as PSA-APIS.md describes it: companyinfo without auth, Basic
 * `company+public:private` plus clientId, pages from 1 with a Link rel="next" header, JSON
 * Patch status changes, `{code, message}` errors.
 */
export async function startFakeConnectWise(): Promise<FakePsa> {
  const world = seedWorld();
  const base = `/${CODEBASE}apis/3.0`;
  const expectedAuth = `Basic ${Buffer.from(`${COMPANY}+${PUBLIC_KEY}:${PRIVATE_KEY}`).toString('base64')}`;

  const ticketJson = (t: FakeTicket) => ({
    id: t.id,
    summary: t.summary,
    initialDescription: t.description,
    board: { id: t.boardId, name: world.boards.find((b) => b.id === t.boardId)?.name },
    status: { id: t.statusId, name: world.statuses.find((s) => s.id === t.statusId)?.name },
    company: { id: 1, identifier: t.company.replace(/\s/g, ''), name: t.company },
    contact: { id: 2, name: t.contact },
    ...(t.configuration ? { configurations: [{ id: 3, name: t.configuration }] } : {}),
    priority: { id: 3, name: 'Priority 3 - Normal' },
    closedFlag: t.closed,
    _info: { lastUpdated: '2026-01-01T10:00:00Z' },
  });

  /** pageSize/page paging with the Link header ConnectWise sends. */
  const paged = (request: FakeRequest, items: unknown[]): FakeReply => {
    const page = Math.max(1, Number(request.query.get('page') ?? 1));
    const pageSize = Math.min(1000, Math.max(1, Number(request.query.get('pageSize') ?? 25)));
    const slice = items.slice((page - 1) * pageSize, page * pageSize);
    const headers: Record<string, string> = {};
    if (page * pageSize < items.length) {
      const next = new URLSearchParams(request.query);
      next.set('page', String(page + 1));
      headers.link = `<${fake.server.url}${request.path}?${next}>; rel="next"`;
    }
    return { status: 200, body: slice, headers };
  };

  const conditionsFilter = (conditions: string) => {
    const like = /summary like "%([^"]*)%"/.exec(conditions)?.[1]?.toLowerCase();
    const id = /id = (\d+)/.exec(conditions)?.[1];
    const openOnly = /closedFlag = false/.test(conditions);
    return (t: FakeTicket) =>
      (!like || t.summary.toLowerCase().includes(like)) &&
      (!id || String(t.id) === id) &&
      (!openOnly || !t.closed);
  };

  const handler = (request: FakeRequest): FakeReply => {
    const { method, path } = request;
    if (method === 'GET' && path.startsWith('/login/companyinfo/')) {
      const company = decodeURIComponent(path.split('/').pop()!);
      return company === COMPANY
        ? {
            status: 200,
            body: {
              CompanyName: 'Contoso MSP',
              Codebase: CODEBASE,
              VersionCode: 'v2025.1',
              CompanyID: COMPANY,
              IsCloud: true,
            },
          }
        : { status: 200, body: null };
    }
    if (!path.startsWith(base)) return notFound('path');
    if (request.headers.authorization !== expectedAuth || request.headers.clientid !== CLIENT_ID) {
      return { status: 401, body: { code: 'Unauthorized', message: 'Invalid credentials or clientId' } };
    }
    const rest = path.slice(base.length);
    let match: RegExpExecArray | null;
    if (method === 'GET' && rest === '/system/info') {
      return {
        status: 200,
        body: { version: 'v2025.1.10431', isCloud: true, serverTimeZone: 'Eastern Standard Time' },
      };
    }
    if (method === 'GET' && rest === '/service/tickets') {
      const filter = conditionsFilter(request.query.get('conditions') ?? '');
      const rows = world.tickets
        .filter(filter)
        .sort((a, b) => b.id - a.id)
        .map(ticketJson);
      return paged(request, rows);
    }
    if ((match = /^\/service\/tickets\/(\d+)$/.exec(rest))) {
      const ticket = world.tickets.find((t) => String(t.id) === match![1]);
      if (!ticket) return notFound('ticket');
      if (method === 'GET') return { status: 200, body: ticketJson(ticket) };
      if (method === 'PATCH') {
        const ops = request.body as { op: string; path: string; value: { id: number } }[];
        if (!Array.isArray(ops))
          return { status: 400, body: { code: 'InvalidObject', message: 'expected a JSON Patch array' } };
        for (const op of ops) {
          if (op.path !== 'status') continue;
          if (!world.statuses.some((s) => s.id === op.value?.id)) {
            return {
              status: 400,
              body: {
                code: 'InvalidObject',
                message: 'status not found on board',
                errors: [{ code: 'InvalidObject', field: 'status' }],
              },
            };
          }
          if (!fake.server.ignoreStatusChanges) ticket.statusId = op.value.id;
        }
        return { status: 200, body: ticketJson(ticket) };
      }
    }
    if ((match = /^\/service\/tickets\/(\d+)\/notes$/.exec(rest))) {
      const ticket = world.tickets.find((t) => String(t.id) === match![1]);
      if (!ticket) return notFound('ticket');
      if (method === 'GET') {
        const notes = world.notes
          .filter((n) => n.ticketId === ticket.id)
          .map((n) => ({
            id: n.id,
            ticketId: n.ticketId,
            text: n.text,
            detailDescriptionFlag: !n.internal && !n.resolution,
            internalAnalysisFlag: n.internal,
            resolutionFlag: n.resolution,
          }));
        return paged(request, notes);
      }
      if (method === 'POST') {
        const body = request.body as Record<string, unknown>;
        if (typeof body?.text !== 'string' || !body.text)
          return { status: 400, body: { code: 'InvalidObject', message: 'text is required' } };
        const note = {
          id: world.nextId++,
          ticketId: ticket.id,
          text: body.text,
          internal: body.internalAnalysisFlag === true,
          resolution: body.resolutionFlag === true,
        };
        world.notes.push(note);
        return {
          status: 201,
          body: {
            ...note,
            internalAnalysisFlag: note.internal,
            resolutionFlag: note.resolution,
            dateCreated: new Date().toISOString(),
            createdBy: 'api',
          },
        };
      }
    }
    if (method === 'GET' && rest === '/service/boards') return paged(request, world.boards);
    if ((match = /^\/service\/boards\/(\d+)\/statuses$/.exec(rest)) && method === 'GET') {
      return paged(
        request,
        world.statuses
          .filter((s) => String(s.boardId) === match![1])
          .map((s) => ({ id: s.id, name: s.name })),
      );
    }
    if (method === 'GET' && rest === '/time/entries') {
      const conditions = request.query.get('conditions') ?? '';
      const ticketId = Number(/chargeToId = (\d+)/.exec(conditions)?.[1]);
      if (!/chargeToType = "ServiceTicket"/.test(conditions) || !ticketId) return paged(request, []);
      return paged(
        request,
        world.timeEntries
          .filter((e) => e.ticketId === ticketId)
          .map((e) => ({ id: e.id, chargeToId: e.ticketId, chargeToType: 'ServiceTicket', notes: e.notes })),
      );
    }
    if (method === 'POST' && rest === '/time/entries') {
      const body = request.body as Record<string, unknown>;
      const format = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
      if (!format.test(String(body.timeStart)) || !format.test(String(body.timeEnd))) {
        return {
          status: 400,
          body: { code: 'InvalidObject', message: 'timeStart/timeEnd must be yyyy-MM-ddTHH:mm:ssZ' },
        };
      }
      const entry = {
        id: world.nextId++,
        ticketId: Number(body.chargeToId),
        memberId: Number((body.member as { id: number }).id),
        start: String(body.timeStart),
        end: String(body.timeEnd),
        notes: String(body.notes),
      };
      world.timeEntries.push(entry);
      return { status: 201, body: { id: entry.id } };
    }
    if (method === 'GET' && rest === '/system/members') {
      const email = /primaryEmail = "([^"]*)"/.exec(request.query.get('conditions') ?? '')?.[1]?.trim();
      return paged(
        request,
        world.members
          .filter((m) => !email || m.email === email)
          .map((m) => ({
            id: m.id,
            identifier: m.firstName.toLowerCase(),
            firstName: m.firstName,
            lastName: m.lastName,
            primaryEmail: m.email,
          })),
      );
    }
    return notFound('route');
  };

  const server = await new FakePsaServer(handler).start();
  const fake: FakePsa = {
    provider: 'connectwise',
    server,
    world,
    connection: (overrides = {}) => ({
      provider: 'connectwise',
      site_url: server.url,
      company_id: COMPANY,
      public_key: PUBLIC_KEY,
      private_key: PRIVATE_KEY,
      client_id: CLIENT_ID,
      board_id: '10',
      ...overrides,
    }),
    wrongConnection: () => ({ ...fake.connection(), private_key: 'wrongPrivateKey999' }),
    secrets: [PUBLIC_KEY, PRIVATE_KEY],
    ticketId: '4711',
    ticketNumber: '4711',
    resolvedStatusId: '5',
    escalatedStatusId: '7',
    memberId: '77',
    memberEmail: 'sam@msp.example',
    close: () => server.close(),
  };
  return fake;
}
