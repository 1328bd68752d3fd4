import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@flowpilot/db/database';
import { parseSse } from '../sse.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** A real `server.ts` in its own process, as production runs it (through tsx, no build). */
export interface ServerProcess {
  readonly base: string;
  readonly child: ChildProcess;
  /** Everything it printed, for a failing test's message. */
  output(): string;
  /** SIGTERM (graceful), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** `kill -9`: no shutdown hook runs, nothing is flushed. */
  crash(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/**
 * Starts `node --import tsx apps/server/src/server.ts` on a port the OS picks and waits
 * until it listens. Only the variables given (plus PATH and HOME) reach the process, so a
 * test's own DATABASE_URL or REDIS_URL never leaks into it.
 */
export async function startServerProcess(
  env: Record<string, string>,
  { readyTimeoutMs = 45_000 } = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/server.ts'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      WEB_DIST: path.join(repoRoot, 'no-web-build'),
      SHUTDOWN_GRACE_MS: '2000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not listen within ${readyTimeoutMs} ms:\n${output}`)),
      readyTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  const base = `http://127.0.0.1:${await port}`;
  return {
    base,
    child,
    output: () => output,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** A fresh database on the test PostgreSQL server, cloned from the migrated template. */
export async function createServerDatabase(adminUrl: string, template: string, label: string) {
  const name = `flowpilot_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openDatabase({ databaseUrl: adminUrl, poolSize: 1 });
  await admin.execScript(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    async drop() {
      await admin.execScript(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

export interface JsonResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read what they check
}

/**
 * One JSON request. `localAddress` picks the client's loopback address (any 127.x.y.z on
 * Linux), which is the key IP-based rate limits count under.
 */
export function requestJson(
  base: string,
  method: string,
  url: string,
  { body, token, localAddress }: { body?: unknown; token?: string; localAddress?: string } = {},
): Promise<JsonResponse> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${url}`,
      {
        method,
        agent: false,
        ...(localAddress ? { localAddress } : {}),
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON; keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Reads an SSE response to its end, noting when each event arrived (ms since the request). */
export async function readEventStreamTimed(base: string, url: string, token: string) {
  const started = performance.now();
  const response = await fetch(`${base}${url}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
  });
  const events: { event: string; data: unknown; atMs: number }[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body!) {
    buffered += decoder.decode(chunk, { stream: true });
    const end = buffered.lastIndexOf('\n\n');
    if (end === -1) continue;
    const atMs = performance.now() - started;
    for (const event of parseSse(buffered.slice(0, end + 2))) events.push({ ...event, atMs });
    buffered = buffered.slice(end + 2);
  }
  return { status: response.status, events };
}

/** Reads a whole SSE response (it ends after `done` or `error`). */
export async function readEventStream(base: string, url: string, token: string) {
  const response = await fetch(`${base}${url}`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
  });
  return { status: response.status, events: parseSse(await response.text()) };
}

export async function signUp(base: string, label: string, localAddress?: string) {
  const email = `${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const response = await requestJson(base, 'POST', '/api/v1/auth/signup', {
    body: { email, password: 'correct horse battery', name: label, account_name: `${label} MSP` },
    ...(localAddress ? { localAddress } : {}),
  });
  if (response.status !== 201)
    throw new Error(`signup failed: ${response.status} ${JSON.stringify(response.body)}`);
  return { email, token: response.body.access_token as string };
}
