import { describe, expect, it } from 'vitest';
import type { ScriptLanguage } from '@flowpilot/core/script-template';
import { collectReply } from '../chat-model.ts';
import { extractCodeBlocks } from '../prompts.ts';
import {
  COMPOSER_WINDOW,
  composeScriptReply,
  composerWindow,
  createOfflineScriptComposer,
  packTemplates,
  scriptFilename,
  type ComposerTemplate,
} from './script-composer.ts';

const templates = packTemplates();
const user = (content: string) => ({ role: 'user' as const, content });

function compose(request: string | string[], language: ScriptLanguage = 'powershell', library = templates) {
  const messages = (Array.isArray(request) ? request : [request]).map(user);
  const reply = composeScriptReply({ messages, language, templates: library });
  const block = extractCodeBlocks(reply).at(-1);
  return { reply, block, blocks: extractCodeBlocks(reply) };
}

describe('offline script composer', () => {
  it('restarts the print spooler from the print-queue template and names the target computer', () => {
    const { reply, block, blocks } = compose('restart the print spooler on PC-042');
    expect(blocks).toHaveLength(1);
    expect(block).toMatchObject({ language: 'powershell', filename: 'Clear-PrintQueue.ps1' });
    expect(block!.code).toContain('Stop-Service -Name Spooler -Force');
    expect(block!.code).toContain('# Target computer: PC-042');
    expect(block!.code).toContain('$PrintTestPage = [System.Convert]::ToBoolean($false)');
    expect(reply).toMatch(/Invoke-Command -ComputerName PC-042/);
    expect(block!.code).not.toMatch(/\{\{\w+\}\}/);
  });

  it('reads the head and tail of a long paste, not the 200,000 characters between', () => {
    // Entity matching over the whole of a pasted log cost seconds per turn; the request is at
    // the start or the end.
    const middle = Array.from({ length: 20_000 }, (_, i) => `host PC-${i} C:\\Users\\u${i}`).join(' ');
    const filler = (length: number) => 'and then some more '.repeat(Math.ceil(length / 19)).slice(0, length);
    const tailed = compose(
      `${filler(COMPOSER_WINDOW.head)} ${middle} ${filler(COMPOSER_WINDOW.tail)} restart the print spooler on PC-777`,
    );
    expect(tailed.block!.code).toContain('# Target computer: PC-777');
    expect(tailed.block!.code).not.toMatch(/PC-\d{1,5}\b(?<!PC-777)/);
    const window = composerWindow(middle);
    expect(window.startsWith(middle.slice(0, COMPOSER_WINDOW.head))).toBe(true);
    expect(window.endsWith(middle.slice(-COMPOSER_WINDOW.tail))).toBe(true);
    expect(window.length).toBeLessThan(COMPOSER_WINDOW.head + COMPOSER_WINDOW.tail + 10);
  });

  it('clears the Teams cache and notes the user it is for', () => {
    const { block } = compose('clear Teams cache for user jdoe');
    expect(block!.filename).toBe('Clear-TeamsCache.ps1');
    expect(block!.code).toContain("$TeamsClient = 'both'");
    expect(block!.code).toContain('# Affected user: jdoe');
  });

  it('checks disk space on /var with the Linux template, whatever the session language', () => {
    const { reply, block } = compose('check disk space on /var', 'powershell');
    expect(block).toMatchObject({ language: 'bash', filename: 'linux-disk-cleanup.sh' });
    expect(block!.code.startsWith('#!/usr/bin/env bash\n# Composed offline')).toBe(true);
    expect(block!.code).toContain("MOUNT_POINT='/var'");
    expect(block!.code).toContain("DRY_RUN='true'");
    expect(reply).toContain('`mount_point` = `/var`');
  });

  it('fills typed values it can read and leaves a visible TODO for required ones it cannot', () => {
    const filled = compose(
      'find where jdoe keeps getting locked out in the last 48 hours and unlock the account',
    );
    expect(filled.block!.code).toContain("$SamAccountName = 'jdoe'");
    expect(filled.block!.code).toContain('$HoursBack = [int]48');
    expect(filled.block!.code).toContain('$Unlock = [System.Convert]::ToBoolean($true)');

    const todo = compose('find the source of the AD account lockouts');
    expect(todo.block!.code).toContain("$SamAccountName = '<TODO: sam_account_name>'");
    expect(todo.block!.code).toMatch(/# TODO before running: set sam_account_name/);
    expect(todo.reply).toMatch(/Still to fill in/);
    // The reply names the surface's editor button, never a button the engineer cannot see.
    expect(todo.reply).toContain('choose **Edit** and fill them in yourself');
    const inline = composeScriptReply({
      messages: [user('find the source of the AD account lockouts')],
      language: 'powershell',
      templates,
      editorButton: 'Write it myself',
    });
    expect(inline).toContain('choose **Write it myself** and fill them in yourself');
  });

  it('puts e-mail addresses where they belong and never guesses a secret', () => {
    const { block } = compose(
      'give bob.smith@contoso.com full access to the shared mailbox sales@contoso.com',
    );
    expect(block!.code).toContain("$SharedMailbox = 'sales@contoso.com'");
    expect(block!.code).toContain("$User = 'bob.smith@contoso.com'");

    const secret = compose('repair the trust relationship, domain user CONTOSO\\admin password hunter2');
    expect(secret.block!.code).not.toContain('hunter2');
    expect(secret.block!.code).toContain('<TODO: domain_password>');
  });

  it('quotes what it copies from the request, so a request cannot inject code', () => {
    const { block } = compose("map drive S: to \\\\fs01\\share'; Remove-Item C:\\ -Recurse #");
    expect(block!.code).toContain("$DriveLetter = 'S'");
    expect(block!.code).not.toMatch(/^\s*Remove-Item C:\\ -Recurse/m);
  });

  it('follows up on the last request: later messages change the values, the template stays', () => {
    const { block } = compose([
      'restart the print spooler on PC-042',
      'now for PC-099 and print a test page',
    ]);
    expect(block!.filename).toBe('Clear-PrintQueue.ps1');
    expect(block!.code).toContain('# Target computer: PC-099');
    expect(block!.code).toContain('$PrintTestPage = [System.Convert]::ToBoolean($true)');
  });

  it("prefers the account's own template and works from it like a built-in", () => {
    const own: ComposerTemplate = {
      id: '00000000-0000-4000-8000-000000000001',
      slug: null,
      name: 'Restart the print spooler on a remote PC',
      description: 'Restarts the Spooler service on the given computer over WinRM.',
      language: 'powershell',
      category: 'Printing',
      body: '$Computer = {{computer_name}}\nInvoke-Command -ComputerName $Computer { Restart-Service Spooler -Force }\n',
      parameters_schema: [
        { name: 'computer_name', label: 'Computer', type: 'string', required: true, sensitive: false },
      ],
      is_builtin: false,
    };
    const { reply, block } = compose('restart the print spooler on PC-042', 'powershell', [
      ...templates,
      own,
    ]);
    expect(reply).toContain('your template library');
    expect(block!.filename).toBe('Restart-PrintSpoolerRemote.ps1');
    expect(block!.code).toContain("$Computer = 'PC-042'");
  });

  it('says so when nothing fits, offering a skeleton only when there is no script yet', () => {
    const first = compose('write a script that says hello', 'bash');
    expect(first.reply).toMatch(/couldn't match/);
    expect(first.block).toMatchObject({ language: 'bash', filename: 'says-hello.sh' });
    expect(first.block!.code).toContain('set -euo pipefail');

    const later = composeScriptReply({
      messages: [
        user('clear the print queue'),
        { role: 'assistant', content: '```powershell\nx\n```' },
        user('water the plants in reception'),
      ],
      language: 'powershell',
      templates,
    });
    expect(later).toMatch(/current script is unchanged/);
    expect(extractCodeBlocks(later)).toEqual([]);
  });

  it('streams through the ChatModel interface', async () => {
    const model = createOfflineScriptComposer({ language: 'powershell', templates: async () => templates });
    expect(model.backend).toBe('offline');
    const { text, outputTokens } = await collectReply(model, {
      system: 'ignored',
      messages: [user('clear the teams cache')],
    });
    expect(extractCodeBlocks(text).at(-1)?.filename).toBe('Clear-TeamsCache.ps1');
    expect(outputTokens).toBeGreaterThan(10);
  });
});

describe('scriptFilename', () => {
  it.each([
    ['restart print spooler on PC-042', 'powershell', 'Restart-PrintSpooler.ps1'],
    ['clear print queue', 'bash', 'clear-print-queue.sh'],
    ['test smtp submission', 'python', 'test_smtp_submission.py'],
    ['Please write me a script', 'powershell', 'New-Script.ps1'],
    ['', 'bash', 'script.sh'],
  ] as const)('%s (%s) → %s', (phrase, language, expected) => {
    expect(scriptFilename(phrase, language)).toBe(expected);
  });
});
