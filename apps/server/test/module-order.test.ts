import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The module order (docs/ARCHITECTURE.md) is enforced by lint; this checks the rule itself:
 * an import against the order is reported, one along it is not.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const eslint = new ESLint({ cwd: root });

async function orderProblems(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'import-x/no-restricted-paths');
}

describe('module order in lint', () => {
  it('reports a lower module importing a higher one, and not the other way round', async () => {
    const upward = await orderProblems(
      'apps/server/src/modules/session-core/order-probe.ts',
      "import * as chat from '../chat/run-generation.ts';\nexport const probe = chat;\n",
    );
    expect(upward.length).toBeGreaterThan(0);
    const downward = await orderProblems(
      'apps/server/src/modules/chat/order-probe.ts',
      "import * as sessions from '../session-core/sessions.repository.ts';\nexport const probe = sessions;\n",
    );
    expect(downward).toEqual([]);
  }, 60_000);
});
