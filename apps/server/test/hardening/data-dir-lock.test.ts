/**
 * One PGlite data directory, one process. A second server started on the same DATA_DIR must
 * refuse to start (naming the directory and the holder's pid) instead of serving its own copy
 * of the data and losing acknowledged writes; the holder keeps serving; and since the lock is
 * the kernel's, a holder killed with -9 leaves nothing behind that blocks the next start.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { requestJson, signUp, startServerProcess, type ServerProcess } from './server-process.ts';

function dataDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-lock-'));
  const template = inject('templateDatabase');
  // A migrated template saves an initdb; on the PostgreSQL pass there is none and the server runs it.
  if (existsSync(template)) cpSync(template, path.join(dir, 'pglite'), { recursive: true });
  return dir;
}

const factTexts = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `lock fact ${from + i}: the print queue holds jobs`);

describe('PGlite DATA_DIR lock across processes', () => {
  it('a second process on the same DATA_DIR exits with the directory and pid; the first keeps its writes', async () => {
    const dir = dataDir();
    const servers: ServerProcess[] = [];
    try {
      const first = await startServerProcess({ DATA_DIR: dir });
      servers.push(first);
      const { token } = await signUp(first.base, 'lock');
      const created = await requestJson(first.base, 'POST', '/api/v1/ai-sessions', {
        token,
        body: { intake_content: { text: 'Print jobs stuck in the queue' } },
      });
      expect(created.status).toBe(201);
      const sessionId = created.body.id as string;
      const addFact = async (text: string) => {
        const response = await requestJson(first.base, 'POST', `/api/v1/ai-sessions/${sessionId}/facts`, {
          token,
          body: { text },
        });
        expect(response.status, JSON.stringify(response.body)).toBe(201);
      };
      for (const text of factTexts(0, 5)) await addFact(text);

      const refused = startServerProcess({ DATA_DIR: dir }).then((server) => {
        servers.push(server); // started after all: stop it with the rest
        return server;
      });
      await expect(refused).rejects.toThrow(/server exited \(1\) before listening/);
      const message = await refused.catch((error: Error) => error.message);
      expect(message).toContain(
        `The database directory ${path.join(dir, 'pglite')} is already open in another process (pid ${first.child.pid})`,
      );
      // A plain message, not a stack trace.
      expect(message).not.toMatch(/\n\s+at /);

      // The holder still serves, and takes writes after the refused start.
      for (const text of factTexts(5, 10)) await addFact(text);

      await first.crash();
      const next = await startServerProcess({ DATA_DIR: dir });
      servers.push(next);
      const facts = await requestJson(next.base, 'GET', `/api/v1/ai-sessions/${sessionId}/facts`, { token });
      expect(facts.status).toBe(200);
      const texts = (facts.body.items as { text: string }[]).map((fact) => fact.text);
      expect(texts).toEqual(expect.arrayContaining(factTexts(0, 10)));
    } finally {
      for (const server of servers) await server.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
