/**
 * What our server adds to a streamed reply. A fake OpenAI-compatible model streams at a
 * fixed rate; each turn is measured twice, side by side: straight from the model, and
 * through FlowPilot (HTTP → DB → AI SDK client → marker parser → SSE), at the client.
 */
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import { startFakeOpenAiServer } from '@flowpilot/assistant/testing/fake-openai-server';
import { startBenchApp } from './support/bench-app.ts';
import { median, type BenchFigure, type BenchOptions } from './support/figure.ts';

const REPLY = 'Let us check the print spooler first. Open services.msc and look at Print Spooler. '.repeat(3);
const CHUNK = 4;
const CHUNK_DELAY_MS = 2;

interface Timing {
  firstTokenMs: number;
  streamMs: number;
  chars: number;
}

/** Reads an SSE response, timing the first and last text-bearing event. */
async function readSse(
  response: Response,
  started: number,
  textOf: (event: string, data: string) => string | null,
): Promise<Timing> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let first = 0;
  let last = 0;
  let chars = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let boundary;
    while ((boundary = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
      const text = textOf(event, data);
      if (text) {
        const now = performance.now();
        if (!first) first = now;
        last = now;
        chars += text.length;
      }
    }
  }
  return { firstTokenMs: first - started, streamMs: last - first, chars };
}

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const turns = options.smoke ? 5 : 60;
  const fake = await startFakeOpenAiServer({
    defaultReply: { text: REPLY, chunkSize: CHUNK, chunkDelayMs: CHUNK_DELAY_MS },
  });
  const model = createChatModel({
    provider: 'openai-compatible',
    baseUrl: fake.baseUrl,
    model: 'fake',
    apiKey: 'bench',
  });
  const bench = await startBenchApp(model);
  try {
    const created = await fetch(`${bench.base}/api/v1/ai-sessions`, {
      method: 'POST',
      headers: bench.headers,
      body: JSON.stringify({ intake_content: { text: 'Print jobs stuck in the queue' } }),
    });
    const sessionId = (await created.json()).id;
    await fetch(`${bench.base}/api/v1/ai-sessions/${sessionId}/stream`, { headers: bench.headers }).then(
      (r) => r.text(),
    );

    const direct: Timing[] = [];
    const through: Timing[] = [];
    for (let turn = 0; turn < turns + 3; turn++) {
      const t0 = performance.now();
      const raw = await fetch(`${fake.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'fake', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      const d = await readSse(raw, t0, (_event, data) => {
        if (!data || data === '[DONE]') return null;
        return JSON.parse(data).choices?.[0]?.delta?.content ?? null;
      });

      const t1 = performance.now();
      const viaServer = await fetch(`${bench.base}/api/v1/ai-sessions/${sessionId}/messages`, {
        method: 'POST',
        headers: { ...bench.headers, accept: 'text/event-stream' },
        body: JSON.stringify({ content: `Turn ${turn}: still stuck` }),
      });
      const s = await readSse(viaServer, t1, (event, data) =>
        event === 'delta' ? JSON.parse(data).text : null,
      );
      // The first turns warm up JIT, pools and caches.
      if (turn >= 3) {
        direct.push(d);
        through.push(s);
      }
    }
    const addedTtft = median(through.map((t) => t.firstTokenMs)) - median(direct.map((t) => t.firstTokenMs));
    const passthrough = median(direct.map((t) => t.streamMs)) / median(through.map((t) => t.streamMs));
    const charsRatio = median(through.map((t) => t.chars)) / median(direct.map((t) => t.chars));
    return [
      {
        name: 'model time-to-first-token (direct)',
        unit: 'ms',
        median: median(direct.map((t) => t.firstTokenMs)),
        samples: direct.length,
      },
      {
        name: 'time-to-first-token through FlowPilot',
        unit: 'ms',
        median: median(through.map((t) => t.firstTokenMs)),
        samples: through.length,
      },
      {
        name: 'time-to-first-token added by the server',
        unit: 'ms',
        median: addedTtft,
        samples: through.length,
        goal: '≤ 5 ms',
        met: addedTtft <= 5,
      },
      {
        name: 'token passthrough (stream rate via server ÷ direct)',
        unit: '×',
        median: passthrough,
        samples: through.length,
        goal: '≥ 0.98',
        met: passthrough >= 0.98,
      },
      {
        name: 'text delivered (chars via server ÷ direct)',
        unit: '×',
        median: charsRatio,
        samples: through.length,
        goal: '= 1',
        met: Math.abs(charsRatio - 1) < 1e-9,
      },
    ];
  } finally {
    await bench.close();
    await fake.close();
  }
}
