/** Offline engine: time per turn with the full playbook pack, over scripted conversations. */
import type { ChatMessage } from '@flowpilot/assistant/chat-model';
import { collectReply } from '@flowpilot/assistant/chat-model';
import { createChatModel } from '@flowpilot/assistant/create-chat-model';
import { loadPlaybookPack } from '@flowpilot/assistant/offline/playbook-pack';
import { median, percentile, type BenchFigure, type BenchOptions } from './support/figure.ts';

const ANSWERS = ['yes', 'no, it does not', 'yes, it started this morning', "I'm not sure", 'that worked'];

export async function run(options: BenchOptions): Promise<BenchFigure[]> {
  const model = createChatModel({ provider: 'offline' });
  const playbooks = loadPlaybookPack();
  const rounds = options.smoke ? 1 : 4;
  const timings: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const playbook of playbooks) {
      const messages: ChatMessage[] = [
        { role: 'user', content: `${playbook.title}. ${playbook.symptoms.join('. ')}` },
      ];
      for (let turn = 0; turn < 6; turn++) {
        const started = performance.now();
        const reply = await collectReply(model, { system: '', messages });
        timings.push(performance.now() - started);
        messages.push(
          { role: 'assistant', content: reply.text },
          { role: 'user', content: ANSWERS[turn % ANSWERS.length]! },
        );
      }
    }
  }
  const perTurn = median(timings);
  return [
    {
      name: `offline engine time per turn (${playbooks.length} playbooks)`,
      unit: 'ms',
      median: perTurn,
      p95: percentile(timings, 95),
      samples: timings.length,
      goal: '≤ 20 ms',
      met: perTurn <= 20,
    },
  ];
}
