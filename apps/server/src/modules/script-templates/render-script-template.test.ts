import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signUpAccount, snapshotDatabase, type SignedUp } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createTemplate } from './template-test-helpers.ts';

const hasPython = (() => {
  try {
    execFileSync('python3', ['-c', 'pass']);
    return true;
  } catch {
    return false;
  }
})();

describe('rendering templates', () => {
  let t: TestApp;
  let owner: SignedUp;
  let scratch: string;
  beforeAll(async () => {
    t = await createTestApp();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'flowpilot-render-'));
  });
  afterAll(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.close();
  });
  beforeEach(async () => {
    await t.reset();
    owner = await signUpAccount(t.app);
  });

  const render = (id: string, parameters: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/script-templates/${id}/render`,
      headers: owner.headers,
      payload: { parameters },
    });

  /** Values that would run code if they were pasted into a script unquoted or badly quoted. */
  const hostile = () => {
    const marker = path.join(scratch, 'pwned');
    return {
      marker,
      values: [
        `'; touch ${marker}; echo '`,
        `"; touch ${marker}; echo "`,
        `$(touch ${marker})`,
        `\`touch ${marker}\``,
        `first line\ntouch ${marker}\nlast line`,
        '{{message}} and {{ message }}',
        String.raw`back\slash \n \x41 \\ $HOME ${'$'}{HOME} %s`,
        `"""'''); import os; os.system("touch ${marker}") #`,
        'naïve — ünïcødé ✓ 日本語',
        '  leading and trailing spaces  ',
      ],
    };
  };

  it('bash: every value comes out verbatim and nothing it contains runs', async () => {
    const template = await createTemplate(t, owner, { body: "printf '%s' {{message}}" });
    const { marker, values } = hostile();
    for (const value of values) {
      const response = await render(template.id, { message: value });
      expect(response.statusCode, value).toBe(200);
      const { script, errors } = response.json();
      expect(errors).toEqual([]);
      expect(execFileSync('bash', ['-c', script], { encoding: 'utf8' }), value).toBe(value);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it.skipIf(!hasPython)('python: every value comes out verbatim and nothing it contains runs', async () => {
    const template = await createTemplate(t, owner, {
      language: 'python',
      body: 'import sys\nsys.stdout.write({{message}})',
    });
    const { marker, values } = hostile();
    for (const value of values) {
      const response = await render(template.id, { message: value });
      expect(response.statusCode, value).toBe(200);
      const { script } = response.json();
      expect(execFileSync('python3', ['-c', script], { encoding: 'utf8' }), value).toBe(value);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('redacts secrets in redacted_script and stores nothing', async () => {
    const template = await createTemplate(t, owner, {
      body: 'connect {{user}} {{password}}',
      parameters_schema: [
        { name: 'user', label: 'User', type: 'string', required: true },
        { name: 'password', label: 'Password', type: 'secret', required: true },
      ],
    });
    const before = await snapshotDatabase(t);
    const response = await render(template.id, { user: 'admin', password: 'S3cr3t!' });
    expect(response.json()).toEqual({
      script: "connect 'admin' 'S3cr3t!'",
      redacted_script: "connect 'admin' '••••'",
      errors: [],
    });
    expect(await snapshotDatabase(t)).toEqual(before);
  });

  it('answers 422 with a field per bad parameter', async () => {
    const template = await createTemplate(t, owner, {
      body: 'run {{count}} {{mode}} {{name}}',
      parameters_schema: [
        { name: 'count', label: 'Count', type: 'integer', required: true },
        { name: 'mode', label: 'Mode', type: 'enum', options: ['fast', 'safe'], required: true },
        { name: 'name', label: 'Name', type: 'string', required: true, pattern: '[a-z]+' },
      ],
    });
    const response = await render(template.id, { count: '3; rm -rf /', mode: 'yolo', extra: 1 });
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['parameters.count', 'parameters.extra', 'parameters.mode', 'parameters.name']);
  });
});
