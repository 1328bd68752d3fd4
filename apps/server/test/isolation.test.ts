import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsIsolationCases } from '../src/modules/attachments/attachments.isolation.ts';
import { aiSessionsIsolationCases } from '../src/modules/ai-sessions/ai-sessions.isolation.ts';
import { auditIsolationCases } from '../src/modules/audit/audit.isolation.ts';
import { chatIsolationCases } from '../src/modules/chat/chat.isolation.ts';
import { draftTemplatesIsolationCases } from '../src/modules/draft-templates/draft-templates.isolation.ts';
import { escalationsIsolationCases } from '../src/modules/escalations/escalations.isolation.ts';
import { fixLifecycleIsolationCases } from '../src/modules/fix-lifecycle/fix-lifecycle.isolation.ts';
import { factsIsolationCases } from '../src/modules/facts/facts.isolation.ts';
import { knowledgeIsolationCases } from '../src/modules/knowledge/knowledge.isolation.ts';
import { psaIsolationCases } from '../src/modules/psa/psa.isolation.ts';
import { scriptBuilderIsolationCases } from '../src/modules/script-builder/script-builder.isolation.ts';
import { scriptTemplatesIsolationCases } from '../src/modules/script-templates/script-templates.isolation.ts';
import { sessionClosingIsolationCases } from '../src/modules/session-closing/session-closing.isolation.ts';
import { suggestedFixesIsolationCases } from '../src/modules/suggested-fixes/suggested-fixes.isolation.ts';
import { usersIsolationCases } from '../src/modules/users/users.isolation.ts';
import { signUpAccount, snapshotDatabase } from './fixtures.ts';
import type { IsolationCase } from './isolation.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/** Every feature's cases. A route with an id in its path that is missing here fails the coverage test. */
const cases: IsolationCase[] = [
  ...chatIsolationCases,
  ...fixLifecycleIsolationCases,
  ...usersIsolationCases,
  ...aiSessionsIsolationCases,
  ...factsIsolationCases,
  ...suggestedFixesIsolationCases,
  ...sessionClosingIsolationCases,
  ...auditIsolationCases,
  ...scriptTemplatesIsolationCases,
  ...draftTemplatesIsolationCases,
  ...scriptBuilderIsolationCases,
  ...attachmentsIsolationCases,
  ...psaIsolationCases,
  ...escalationsIsolationCases,
  ...knowledgeIsolationCases,
];

describe('tenant isolation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());
  beforeEach(() => t.reset());

  it('covers every route that takes an id', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const withIds = Object.entries(spec.paths)
      .filter(([route]) => route.includes('{'))
      .flatMap(([route, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
      );
    const covered = new Set(cases.map((c) => `${c.method} ${c.route}`));
    expect(withIds.filter((route) => !covered.has(route))).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.method} ${c.route}`, c] as const))(
    '%s answers 404 to another account and changes nothing',
    async (_name, isolationCase) => {
      const owner = await signUpAccount(t.app, 'Owner MSP');
      const intruder = await signUpAccount(t.app, 'Other MSP');
      const { url, body } = await isolationCase.prepare({ app: t.app, owner, intruder });
      const before = await snapshotDatabase(t);
      const response = await t.app.inject({
        method: isolationCase.method,
        url,
        headers: intruder.headers,
        ...(body === undefined ? {} : { payload: body as object }),
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await snapshotDatabase(t)).toEqual(before);
    },
  );
});
