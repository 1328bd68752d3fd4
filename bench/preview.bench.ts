/**
 * Resolve/Escalate previews: what a cache hit and a miss cost. The session is realistic for a
 * long troubleshoot (200 transcript messages, 20 facts, a few fixes); the preview reads the
 * structured state only. A miss is forced by bumping state_version between calls, as any
 * note-relevant write does. Server time is measured in-process around the service function;
 * end-to-end adds HTTP, authentication and JSON at the client.
 */
import { pino } from 'pino';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import {
  aiSessionMessages,
  aiSessions,
  sessionFacts,
  sessionSuggestedFixes,
} from '@flowpilot/db/schema-sessions';
import type { AppContext } from '../apps/server/src/app-context.ts';
import { loadConfig } from '../apps/server/src/env.ts';
import type { Caller } from '../apps/server/src/http/request-auth.ts';
import { GenerationHub } from '../apps/server/src/modules/chat/generation-hub.ts';
import { MemoryPreviewCache } from '../apps/server/src/modules/session-closing/preview-cache.ts';
import { OcrQueue } from '../apps/server/src/modules/attachments/ocr-queue.ts';
import { previewClosingText } from '../apps/server/src/modules/session-closing/preview-closing-text.ts';
import { startBenchApp } from './support/bench-app.ts';
import { median, percentile, type BenchFigure, type BenchOptions } from './support/figure.ts';
import { PlaybookCatalog } from '../apps/server/src/modules/knowledge/playbook-catalog.ts';

const WARMUP = 10;

async function seedSession(bench: Awaited<ReturnType<typeof startBenchApp>>) {
  const { user } = await (await fetch(`${bench.base}/api/v1/auth/me`, { headers: bench.headers })).json();
  const owner = { accountId: user.account_id as string, userId: user.id as string };
  const db = bench.database.db;
  const [session] = await db
    .insert(aiSessions)
    .values({
      ...owner,
      intakeType: 'ticket',
      intakeContent: {
        text: 'Print jobs stuck in the queue on the finance floor since this morning.',
        ticket_ref: 'INC-4711',
      },
      title: 'Print jobs stuck on the finance floor',
      triageHypothesis: 'A corrupt job is blocking the spooler.',
      taskLane: {
        questions: Array.from({ length: 6 }, (_, i) => ({
          id: `q${i}`,
          text: `Question ${i}?`,
          state: i % 2 ? 'answered' : 'open',
          answer: 'yes',
        })),
        actions: Array.from({ length: 6 }, (_, i) => ({
          id: `a${i}`,
          title: `Check ${i}`,
          state: i % 2 ? 'done' : 'open',
          result: 'ok',
        })),
      },
    })
    .returning();
  const sid = session!.id;
  const started = Date.now() - 3_600_000;
  await db.insert(aiSessionMessages).values(
    Array.from({ length: 200 }, (_, i) => ({
      accountId: owner.accountId,
      aiSessionId: sid,
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `Message ${i}: ${'the spooler restarted but jobs still sit in the queue. '.repeat(6)}`,
      createdAt: new Date(started + i * 1000),
    })),
  );
  await db.insert(sessionFacts).values(
    Array.from({ length: 20 }, (_, i) => ({
      accountId: owner.accountId,
      aiSessionId: sid,
      kind: i % 3 ? ('engineer_note' as const) : ('ai_promoted' as const),
      text: `Fact ${i}: the spooler service on PRN-0${i} is running and the queue holds ${i + 3} jobs`,
      createdAt: new Date(started + i * 1000),
    })),
  );
  const past = new Date(started);
  await db.insert(sessionSuggestedFixes).values([
    {
      accountId: owner.accountId,
      aiSessionId: sid,
      title: 'Restart the spooler',
      source: 'ai',
      status: 'applied_failed',
      appliedAt: past,
      verifiedAt: past,
      failureReason: 'jobs came back',
      supersededAt: past,
      createdAt: new Date(started + 1),
    },
    {
      accountId: owner.accountId,
      aiSessionId: sid,
      title: 'Clear the print queue',
      source: 'ai',
      status: 'applied_partial',
      appliedAt: past,
      partialNotes: 'two PCs left',
      supersededAt: past,
      createdAt: new Date(started + 2),
    },
    {
      accountId: owner.accountId,
      aiSessionId: sid,
      title: 'Reinstall the printer driver',
      source: 'ai',
      appliedAt: past,
      createdAt: new Date(started + 3),
    },
  ]);
  return { sid, owner };
}

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const samples = options.smoke ? 5 : 200;
  const model = createChatModel({ provider: 'offline' });
  const bench = await startBenchApp(model);
  try {
    const { sid, owner } = await seedSession(bench);
    const caller: Caller = {
      ...owner,
      role: 'owner',
      isSuperAdmin: false,
      tokenId: 'bench',
      viaCookie: false,
    };
    const ctx: AppContext = {
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database: bench.database,
      model,
      generations: new GenerationHub(),
      previewCache: new MemoryPreviewCache(),
      ocr: new OcrQueue(),
      knowledge: new PlaybookCatalog(),
      log: pino({ level: 'silent' }),
    };
    const bump = () =>
      bench.database.query('UPDATE ai_sessions SET state_version = state_version + 1 WHERE id = $1', [sid]);
    const kinds = ['resolution_note', 'escalation_package'] as const;

    const inProcess = { miss: [] as number[], hit: [] as number[] };
    for (let i = 0; i < samples + WARMUP; i++) {
      const kind = kinds[i % 2]!;
      await bump();
      let t0 = performance.now();
      const miss = await previewClosingText(ctx, caller, sid, kind, {});
      const missMs = performance.now() - t0;
      t0 = performance.now();
      const hit = await previewClosingText(ctx, caller, sid, kind, {});
      const hitMs = performance.now() - t0;
      if (miss.from_cache || !hit.from_cache) throw new Error('preview cache did not behave as expected');
      if (i >= WARMUP) {
        inProcess.miss.push(missMs);
        inProcess.hit.push(hitMs);
      }
    }

    const http = { miss: [] as number[], hit: [] as number[] };
    const ask = async (kind: string) => {
      const t0 = performance.now();
      const response = await fetch(`${bench.base}/api/v1/ai-sessions/${sid}/${kind}/preview`, {
        method: 'POST',
        headers: bench.headers,
        body: '{}',
      });
      const body = (await response.json()) as { from_cache: boolean };
      return { ms: performance.now() - t0, fromCache: body.from_cache };
    };
    for (let i = 0; i < samples + WARMUP; i++) {
      const kind = i % 2 ? 'escalation-package' : 'resolution-note';
      await bump();
      const miss = await ask(kind);
      const hit = await ask(kind);
      if (miss.fromCache || !hit.fromCache)
        throw new Error('preview cache did not behave as expected over HTTP');
      if (i >= WARMUP) {
        http.miss.push(miss.ms);
        http.hit.push(hit.ms);
      }
    }

    const hitMedian = median(inProcess.hit);
    const missMedian = median(inProcess.miss);
    return [
      {
        name: 'preview cache hit, server time',
        unit: 'ms',
        median: hitMedian,
        p95: percentile(inProcess.hit, 95),
        samples: inProcess.hit.length,
        goal: '≤ 1 ms',
        met: hitMedian <= 1,
      },
      {
        name: 'preview cache miss (compose), server time',
        unit: 'ms',
        median: missMedian,
        p95: percentile(inProcess.miss, 95),
        samples: inProcess.miss.length,
        goal: '≤ 30 ms',
        met: missMedian <= 30,
      },
      {
        name: 'preview cache hit, end-to-end HTTP',
        unit: 'ms',
        median: median(http.hit),
        p95: percentile(http.hit, 95),
        samples: http.hit.length,
      },
      {
        name: 'preview cache miss, end-to-end HTTP',
        unit: 'ms',
        median: median(http.miss),
        p95: percentile(http.miss, 95),
        samples: http.miss.length,
      },
    ];
  } finally {
    await bench.close();
  }
}
