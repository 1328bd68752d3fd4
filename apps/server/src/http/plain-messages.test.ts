import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_LENGTH } from '@flowpilot/contracts/messages';
import { signUpAccount, type SignedUp } from '../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { openSession } from '../../test/session-helpers.ts';
import { createTemplate } from '../modules/script-templates/template-test-helpers.ts';

/** What a validator says to a developer and should never reach the person filling in a form. */
const JARGON =
  /[<>]=|expected (string|number|boolean|object|array|record)|received (undefined|null|string|number)|pattern \^|\/\^|Too (small|big)|Invalid (input|string|option|email|UUID)|Unrecognized key|does not match the schema|^Required$/i;

function plain(body: { detail: string; errors?: { message: string }[] }) {
  for (const text of [body.detail, ...(body.errors ?? []).map((error) => error.message)])
    expect(text, text).not.toMatch(JARGON);
}

describe('form messages are plain language', () => {
  let t: TestApp;
  let owner: SignedUp;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signUpAccount(t.app);
  });
  afterAll(() => t.close());

  const post = (url: string, payload: unknown, headers: Record<string, string> = owner.headers) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers,
      payload: payload as Record<string, unknown>,
    });

  it('an empty sign-up says what to enter, field by field', async () => {
    for (const payload of [{}, { name: '', email: '', account_name: '  ', password: '' }]) {
      const response = await post('/auth/signup', payload, {});
      expect(response.statusCode).toBe(422);
      const body = response.json();
      plain(body);
      const byField = Object.fromEntries(
        body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      );
      expect(byField).toEqual({
        'body.name': 'Enter your name.',
        'body.email': 'Enter your email address.',
        'body.account_name': 'Enter the name of your company or team.',
        'body.password': 'Choose a password of at least 10 characters.',
      });
      expect(body.detail).toBe('Some fields need attention: see the message next to each.');
    }
  });

  it('a mistyped email and a wrong type are said in words', async () => {
    const response = await post('/auth/signup', {
      name: 42,
      email: 'not-an-email',
      account_name: 'x'.repeat(201),
      password: 'violet kettle harbour 51',
    });
    const body = response.json();
    plain(body);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'body.email', message: 'Enter an email address like name@example.com.' },
        { field: 'body.name', message: 'Must be text.' },
        { field: 'body.account_name', message: 'Use at most 200 characters.' },
      ]),
    );
  });

  it('one problem is the detail itself: an over-long chat message', async () => {
    const session = await openSession(t, owner);
    const response = await post(`/ai-sessions/${session.id}/messages`, {
      content: 'x'.repeat(MAX_MESSAGE_LENGTH + 1),
    });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    plain(body);
    expect(body.detail).toMatch(/^A message can be at most 200,000 characters/);
  });

  it('unknown fields, bad ids and bad choices are named in words', async () => {
    const template = await createTemplate(t, owner);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/script-templates/${template.id}`,
      headers: owner.headers,
      payload: { colour: 'red' },
    });
    expect(patch.statusCode).toBe(422);
    plain(patch.json());
    expect(patch.json().errors[0].message).toMatch(/colour/);
    const badId = await t.app.inject({
      method: 'GET',
      url: '/api/v1/script-templates/not-a-uuid',
      headers: owner.headers,
    });
    plain(badId.json());
    const badLanguage = await post('/script-templates', {
      name: 'x',
      language: 'cobol',
      body: 'echo {{m}}',
    });
    plain(badLanguage.json());
    expect(badLanguage.json().errors).toContainEqual({
      field: 'body.language',
      message: 'Must be one of: powershell, bash, python.',
    });
  });

  it("a parameter's pattern error shows its help text or an example, never the pattern", async () => {
    const template = await createTemplate(t, owner, {
      name: 'Map a drive',
      body: 'net use {{drive}} {{share}}',
      parameters_schema: [
        { name: 'drive', label: 'Drive', type: 'string', pattern: '^[D-Zd-z]$', default: 'H' },
        {
          name: 'share',
          label: 'Share',
          type: 'string',
          pattern: '^\\\\\\\\[^\\\\]+\\\\.+',
          help: 'A UNC path such as \\\\server\\share.',
        },
      ],
    });
    const response = await post(`/script-templates/${template.id}/render`, {
      parameters: { drive: 'CD', share: 'C:\\data' },
    });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    plain(body);
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: 'parameters.drive', message: 'is not in the expected format (for example: H)' },
        {
          field: 'parameters.share',
          message: 'is not in the expected format: A UNC path such as \\\\server\\share.',
        },
      ]),
    );
  });
});
