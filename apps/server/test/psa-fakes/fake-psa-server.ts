import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The world a fake PSA keeps, in terms all three share; each fake renders it in its own shapes. */
export interface FakeTicket {
  id: number;
  number: string;
  summary: string;
  description: string;
  statusId: number;
  boardId: number;
  company: string;
  contact: string;
  configuration: string | null;
  closed: boolean;
}

export interface FakeNote {
  id: number;
  ticketId: number;
  text: string;
  internal: boolean;
  resolution: boolean;
}

export interface FakeWorld {
  tickets: FakeTicket[];
  notes: FakeNote[];
  statuses: { id: number; name: string; boardId: number }[];
  boards: { id: number; name: string }[];
  members: { id: number; firstName: string; lastName: string; email: string }[];
  timeEntries: {
    id: number;
    ticketId: number;
    memberId: number;
    start: string;
    end: string;
    notes: string;
  }[];
  nextId: number;
}

export function seedWorld(): FakeWorld {
  const tickets: FakeTicket[] = [
    {
      id: 4711,
      number: 'T20260101.0001',
      summary: 'Outlook keeps asking for the password',
      description: 'Since this morning Outlook prompts for credentials every few minutes.',
      statusId: 1,
      boardId: 10,
      company: 'Contoso Ltd',
      contact: 'Dana Reyes',
      configuration: 'LT-0042',
      closed: false,
    },
  ];
  // Enough tickets to need more than one page at every PSA's smallest page size.
  for (let i = 0; i < 30; i += 1) {
    tickets.push({
      id: 5000 + i,
      number: `T20260102.${String(i + 1).padStart(4, '0')}`,
      summary: `Printer queue stuck on floor ${i}`,
      description: 'Jobs stay in the queue.',
      statusId: 1,
      boardId: 10,
      company: 'Fabrikam',
      contact: 'Lee Chan',
      configuration: null,
      closed: false,
    });
  }
  return {
    tickets,
    notes: [
      {
        id: 900,
        ticketId: 4711,
        text: 'Customer says it started after the password change.',
        internal: false,
        resolution: false,
      },
    ],
    statuses: [
      { id: 1, name: 'New', boardId: 10 },
      { id: 5, name: 'Resolved', boardId: 10 },
      { id: 7, name: 'Escalated', boardId: 10 },
    ],
    boards: [{ id: 10, name: 'Service Desk' }],
    members: [{ id: 77, firstName: 'Sam', lastName: 'Engineer', email: 'sam@msp.example' }],
    timeEntries: [],
    nextId: 10_000,
  };
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  rawBody: string;
}

export interface Fault {
  status: number;
  retryAfter?: number;
  match?: (request: FakeRequest) => boolean;
  /** How many matching requests answer with the fault. */
  times: number;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: FakeRequest) => FakeReply | Promise<FakeReply>;

/**
 * A listening HTTP server on 127.0.0.1 with the knobs every PSA test needs: faults (401,
 * 404, 429 + Retry-After, 503) for the next N matching requests, slow answers, and a log.
 */
export class FakePsaServer {
  readonly requests: FakeRequest[] = [];
  readonly faults: Fault[] = [];
  delay: { ms: number; match?: (request: FakeRequest) => boolean } | null = null;
  /** Answers late *after* doing the work: the write lands, the answer is lost to a client that gave up. */
  delayAnswer: { ms: number; match?: (request: FakeRequest) => boolean } | null = null;
  /** Workflow rules that accept a status change and keep the old status (ConnectWise does this). */
  ignoreStatusChanges = false;
  /** Called when a request arrives, before it is answered (kill -9 tests wait for a note to land). */
  onRequest: ((request: FakeRequest) => void) | null = null;
  private server: Server | null = null;
  url = '';

  constructor(private readonly handler: FakeHandler) {}

  fail(
    status: number,
    times = 1,
    options: { retryAfter?: number; match?: (r: FakeRequest) => boolean } = {},
  ) {
    this.faults.push({ status, times, ...options });
  }

  writes() {
    return this.requests.filter(
      (r) => r.method !== 'GET' && !r.path.endsWith('/query') && !r.path.includes('/token'),
    );
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** Lets the process exit with the server still listening (a fake shared by a whole test file). */
  unref() {
    this.server?.unref();
    return this;
  }

  async close() {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? '/', 'http://fake');
    let body: unknown = rawBody;
    if (/json/.test(req.headers['content-type'] ?? '') && rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
    } else if (/form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      body = Object.fromEntries(new URLSearchParams(rawBody));
    }
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      rawBody,
    };
    this.requests.push(request);
    this.onRequest?.(request);
    const send = (reply: FakeReply) => {
      if (res.destroyed) return;
      const payload = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(payload);
    };
    const fault = this.faults.find((f) => f.times > 0 && (!f.match || f.match(request)));
    if (this.delay && (!this.delay.match || this.delay.match(request))) {
      await new Promise((resolve) => setTimeout(resolve, this.delay!.ms));
    }
    if (fault) {
      fault.times -= 1;
      send({
        status: fault.status,
        body: { code: 'Fault', message: `injected ${fault.status}` },
        headers: fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      });
      return;
    }
    // A client that hung up during a slow answer never had its request carried out.
    if (req.socket.destroyed) return;
    try {
      const reply = await this.handler(request);
      if (this.delayAnswer && (!this.delayAnswer.match || this.delayAnswer.match(request))) {
        await new Promise((resolve) => setTimeout(resolve, this.delayAnswer!.ms));
      }
      send(reply);
    } catch (error) {
      send({ status: 500, body: { message: (error as Error).message } });
    }
  }
}

/** What each fake exposes to the contract suite and the end-to-end tests. */
export interface FakePsa {
  provider: 'connectwise' | 'halopsa' | 'autotask';
  server: FakePsaServer;
  world: FakeWorld;
  /** The PUT /integrations/psa body that connects to this fake. */
  connection(overrides?: Record<string, unknown>): Record<string, unknown>;
  /** The same with a wrong secret. */
  wrongConnection(): Record<string, unknown>;
  /** The secret values a leak scan looks for. */
  secrets: string[];
  /** How the fake names a ticket in a URL/ticket id (PSA id). */
  ticketId: string;
  ticketNumber: string;
  /** Status ids as the API sees them. */
  resolvedStatusId: string;
  escalatedStatusId: string;
  memberId: string;
  memberEmail: string;
  /** Config the provider factory needs beyond the connection (Autotask's zone lookup). */
  providerConfig?: { autotaskZoneLookupUrl?: string };
  close(): Promise<void>;
}

export const notFound = (what = 'record'): FakeReply => ({
  status: 404,
  body: { code: 'NotFound', message: `${what} not found` },
});
