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

  it('a hostile pattern with 10,000-character values answers at once while other requests keep flowing', async () => {
    const patterns = ['a*a*a*a*a*a*b', '(a|a)*', '(a+|b)+'];
    const template = await createTemplate(t, owner, {
      body: 'echo {{p0}} {{p1}} {{p2}}',
      parameters_schema: patterns.map((pattern, i) => ({
        name: `p${i}`,
        label: `P${i}`,
        type: 'string',
        required: true,
        pattern,
      })),
    });
    const almost = `${'a'.repeat(9_999)}!`;
    const started = performance.now();
    const [rendered, health] = await Promise.all([
      render(template.id, { p0: almost, p1: almost, p2: almost }),
      t.app.inject({ method: 'GET', url: '/api/v1/health' }),
    ]);
    const elapsed = performance.now() - started;
    expect(rendered.statusCode).toBe(422);
    expect(rendered.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'parameters.p0',
      'parameters.p1',
      'parameters.p2',
    ]);
    expect(health.statusCode).toBe(200);
    // Tens of milliseconds in practice; a backtracking engine never finishes.
    expect(elapsed).toBeLessThan(2_000);
  });

  it('a default checked against a hostile pattern at create is refused at once', async () => {
    const started = performance.now();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/script-templates',
      headers: owner.headers,
      payload: {
        name: 'Hostile default',
        language: 'bash',
        body: 'echo {{p}}',
        parameters_schema: [
          { name: 'p', label: 'P', type: 'string', pattern: 'a*a*a*a*a*a*b', default: 'a'.repeat(10_000) },
        ],
      },
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { field: 'parameters_schema.0.default', message: expect.any(String) },
    ]);
  });

  it('a pattern the linear engine cannot run is refused at save with a plain message', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/script-templates',
      headers: owner.headers,
      payload: {
        name: 'Look-ahead',
        language: 'bash',
        body: 'echo {{p}}',
        parameters_schema: [{ name: 'p', label: 'P', type: 'string', pattern: '(?=a)a+' }],
      },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { field: 'parameters_schema.0.pattern', message: expect.stringMatching(/look-ahead/) },
    ]);
  });

  it('a script that would pass 1 MB is refused with 422 and a clear message, for render and generate', async () => {
    // The 50 KB body: `{{x}}` on each of 8,333 lines.
    const template = await createTemplate(t, owner, {
      body: '{{x}}\n'.repeat(8_333),
      parameters_schema: [{ name: 'x', label: 'X', type: 'string', required: true }],
    });
    const parameters = { x: 'a'.repeat(10_000) };
    const started = performance.now();
    const rendered = await render(template.id, parameters);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(rendered.statusCode).toBe(422);
    expect(rendered.json()).toMatchObject({
      detail:
        'The script would be 83.4 MB; a rendered script can be at most 1 MB. Use shorter values or fewer placeholders.',
    });
    const generated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scripts/generate',
      headers: owner.headers,
      payload: { template_id: template.id, parameters },
    });
    expect(generated.statusCode).toBe(422);
    expect(generated.json().detail).toMatch(/at most 1 MB/);
  });

  it('bash bodies with a placeholder in backticks, a heredoc or after a CR are refused at save, saying where', async () => {
    const save = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/script-templates',
        headers: owner.headers,
        payload: {
          name: `Unsafe ${body.length}`,
          language: 'bash',
          body,
          parameters_schema: [{ name: 'x', label: 'X', type: 'string' }],
        },
      });
    for (const [body, where] of [
      ['echo "user is" `echo {{x}}`', /^line 1, column 22: .*backticks/],
      ['cat <<E-O-F\nE\necho {{x}}\nE-O-F', /^line 3, column 6: .*heredoc/],
      ['cat <<EOF\nbody\nEOF\r\necho {{x}}\nEOF', /^line 4, column 6: .*heredoc/],
      ['echo hi\recho {{x}}', /^line 1, column 14: .*carriage return/],
    ] as const) {
      const response = await save(body);
      expect(response.statusCode, body).toBe(422);
      expect(response.json().errors, body).toEqual([
        { field: 'body', message: expect.stringMatching(where) },
      ]);
    }
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
