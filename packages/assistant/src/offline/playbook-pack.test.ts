import { describe, expect, it } from 'vitest';
import { builtinTemplateId } from '../builtin-template-id.ts';
import { loadPlaybookPack, validatePlaybookPack } from './playbook-pack.ts';
import { templatePlaceholders } from '@flowpilot/core/playbook';

const pack = loadPlaybookPack();

/**
 * Cmdlets that change state (by verb, plus Invoke-CimMethod); a SupportsShouldProcess template runs them only
 * when ShouldProcess agrees.
 */
const CHANGE_VERBS =
  /^(?:Set|Remove|Stop|Start|Restart|New|Clear|Disable|Enable|Reset|Add|Grant|Revoke|Register|Unregister|Rename|Unlock)-\w|^Invoke-CimMethod\b/i;
/** Cmdlets with one of those verbs that change nothing. */
const HARMLESS_CMDLETS = /^(?:Start-Sleep|New-Object|New-TimeSpan|Set-StrictMode)\b/i;
/** Native commands (or their modes) that change state. */
const CHANGING_NATIVE = new RegExp(
  String.raw`^(?:${[
    String.raw`ipconfig(?:\.exe)?\s+\/(?:release|renew|flushdns|registerdns)`,
    String.raw`w32tm(?:\.exe)?\s+\/(?:config|resync|register|unregister)`,
    String.raw`icacls(?:\.exe)?\s.*\/(?:grant|deny|remove|reset|setowner|restore)`,
    String.raw`cmdkey(?:\.exe)?\s+\/(?:add|generic|delete)`,
    String.raw`powercfg(?:\.exe)?\s+\/(?:set\w*|change|delete\w*|import)`,
    String.raw`netsh(?:\.exe)?\s(?!.*\b(?:show|export|dump)\b)`,
    String.raw`reg(?:\.exe)?\s+(?:add|delete|import|copy|restore)`,
    String.raw`regsvr32`,
    String.raw`net\s+(?:stop|start)`,
    String.raw`sc(?:\.exe)?\s+(?:config|stop|start|delete|create)`,
    String.raw`dism(?:\.exe)?\s.*\/cleanup-image\s+\/(?:restorehealth|startcomponentcleanup)`,
    String.raw`sfc(?:\.exe)?\s+\/scannow`,
  ].join('|')})\b`,
  'i',
);
/** A cmdlet told to honour -WhatIf itself, e.g. in a remote script block where `$PSCmdlet` is not available. */
const PASSES_WHATIF = /\s-WhatIf:\$WhatIfPreference\b/i;
const READ_ONLY_MARKER = '# Read-only: reports, changes nothing.';

/** One line of PowerShell without its string literals and comments (a block comment may span lines). */
function powershellCode(line: string, state: { inBlockComment: boolean }): string {
  let code = '';
  let rest = line;
  while (rest.length > 0) {
    if (state.inBlockComment) {
      const end = rest.indexOf('#>');
      if (end === -1) return code;
      state.inBlockComment = false;
      rest = rest.slice(end + 2);
      continue;
    }
    const token = /'(?:[^']|'')*'|"(?:[^"`]|`.)*"|<#|#/.exec(rest);
    if (!token) return code + rest;
    code += rest.slice(0, token.index);
    if (token[0] === '<#') state.inBlockComment = true;
    else if (token[0] === '#') return code;
    else code += "''";
    rest = rest.slice(token.index + token[0].length);
  }
  return code;
}

/**
 * Statements that change state outside a `$PSCmdlet.ShouldProcess(...)` guard. A statement starts a line or
 * follows `;`, `{`, `(`, `|` or `=`; it is guarded when it comes after a ShouldProcess call in the same statement
 * (`if (... -and $PSCmdlet.ShouldProcess(...)) { ... }` on one line) or sits in a `{ ... }` block opened after one.
 */
function unguardedChanges(body: string): string[] {
  const found: string[] = [];
  const guarded: boolean[] = [];
  const state = { inBlockComment: false };
  let pendingGuard = false;
  body.split('\n').forEach((line, index) => {
    const code = powershellCode(line, state);
    const token = /\$PSCmdlet\.ShouldProcess\(|[{};]|(?<=^|[;{(|=])\s*([A-Za-z][\w.]*(?:-\w+)?)([^;{}|]*)/g;
    for (let match = token.exec(code); match; match = token.exec(code)) {
      if (match[0].startsWith('$PSCmdlet')) pendingGuard = true;
      else if (match[0] === ';') pendingGuard = false;
      else if (match[0] === '{') {
        guarded.push((guarded.at(-1) ?? false) || pendingGuard);
        pendingGuard = false;
      } else if (match[0] === '}') guarded.pop();
      else {
        const rest = match[2] ?? '';
        const statement = `${match[1]}${rest}`.trim();
        const changes =
          (CHANGE_VERBS.test(statement) && !HARMLESS_CMDLETS.test(statement)) ||
          CHANGING_NATIVE.test(statement);
        if (changes && !PASSES_WHATIF.test(statement) && !pendingGuard && !guarded.at(-1))
          found.push(`line ${index + 1}: ${line.trim()}`);
        // Let `{`, `}`, `;` and ShouldProcess in the rest of the statement be seen.
        token.lastIndex = match.index + match[0].length - rest.length;
      }
    }
    pendingGuard = false;
  });
  return found;
}

/** What keeps a PowerShell template from being -WhatIf-capable (or honestly read-only). */
function shouldProcessProblems(body: string): string[] {
  const lines = body.split('\n');
  const start = lines.findIndex((line) => !/^#Requires\b/i.test(line.trim()));
  const [binding, param] = lines.slice(start, start + 2).map((line) => line.trim());
  const readOnly = lines.some((line) => line.trim() === READ_ONLY_MARKER);
  const problems: string[] = [];
  if (readOnly) {
    if (binding !== '[CmdletBinding()]' || param !== 'param()')
      problems.push('a read-only script starts with [CmdletBinding()] and param() after its #Requires lines');
    if (body.includes('$PSCmdlet.ShouldProcess(')) problems.push('a read-only script asks ShouldProcess');
    problems.push(...unguardedChanges(body).map((change) => `read-only script changes state at ${change}`));
  } else {
    if (binding !== '[CmdletBinding(SupportsShouldProcess)]' || param !== 'param()')
      problems.push(
        `starts with [CmdletBinding(SupportsShouldProcess)] and param() after its #Requires lines, or is marked "${READ_ONLY_MARKER}"`,
      );
    problems.push(...unguardedChanges(body).map((change) => `change outside ShouldProcess at ${change}`));
  }
  return problems;
}

describe('playbook pack', () => {
  it('ships at least 25 valid playbooks covering the problems the spec names', () => {
    expect(pack.length).toBeGreaterThanOrEqual(25);
    const slugs = pack.map((playbook) => playbook.slug);
    for (const expected of [
      'outlook-password-prompts',
      'print-spooler-stuck',
      'dns-resolution-failure',
      'vpn-wont-connect',
      'disk-full-windows',
      'ad-account-lockout',
      'mfa-prompts-failing',
      'onedrive-sync-stuck',
      'teams-cache-issues',
      'mapped-drives-missing',
      'windows-update-failing',
      'certificate-expired',
      'time-sync-drift',
      'wifi-drops',
      'bitlocker-recovery',
      'slow-logon',
    ]) {
      expect(slugs).toContain(expected);
    }
  });

  it('has unique playbook slugs, template slugs, template ids and task-lane ids', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(pack.map((playbook) => playbook.slug))).toBe(true);
    expect(unique(pack.map((playbook) => playbook.template.slug))).toBe(true);
    expect(unique(pack.map((playbook) => builtinTemplateId(playbook.template.slug)))).toBe(true);
    const laneIds = pack.flatMap((playbook) => [
      ...playbook.questions.map((question) => `${playbook.slug}.${question.id}`),
      ...playbook.checks.map((check) => `${playbook.slug}.${check.id}`),
    ]);
    expect(unique(laneIds)).toBe(true);
    for (const id of laneIds) expect(id.length).toBeLessThanOrEqual(100);
  });

  it.each(pack.map((playbook) => [playbook.slug, playbook] as const))(
    '%s: every placeholder is a declared parameter and vice versa',
    (_slug, playbook) => {
      const placeholders = templatePlaceholders(playbook.template.body);
      const declared = playbook.template.parameters_schema.map((parameter) => parameter.name);
      expect(placeholders.sort()).toEqual([...declared].sort());
      for (const parameter of playbook.template.parameters_schema) {
        if (/password|secret|token|api_?key/i.test(parameter.name))
          expect(parameter.type === 'secret' || parameter.sensitive).toBe(true);
        if (parameter.pattern) expect(() => new RegExp(parameter.pattern as string)).not.toThrow();
      }
    },
  );

  it.each(pack.map((playbook) => [playbook.slug, playbook] as const))(
    '%s: questions can be answered both ways',
    (_slug, playbook) => {
      for (const question of playbook.questions) {
        expect(question.answers.length).toBeGreaterThanOrEqual(2);
        expect(question.text.trim().endsWith('?')).toBe(true);
      }
    },
  );

  it.each(
    pack
      .filter((playbook) => playbook.template.language === 'powershell')
      .map((playbook) => [playbook.template.slug, playbook.template.body] as const),
  )(
    '%s: supports -WhatIf and guards every change with ShouldProcess, or is marked read-only',
    (slug, body) => {
      expect(shouldProcessProblems(body)).toEqual([]);
    },
  );

  it('finds the changes a PowerShell template makes outside ShouldProcess', () => {
    const guarded = [
      '#Requires -RunAsAdministrator',
      '[CmdletBinding(SupportsShouldProcess)]',
      'param()',
      "$Name = 'Spooler' # Stop-Service here is a comment",
      "Write-Host 'Restart-Service is only text here'",
      'if ($PSCmdlet.ShouldProcess($Name, "Restart")) { Restart-Service $Name -Force }',
      "if ((Get-Service $Name).StartType -ne 'Automatic' -and $PSCmdlet.ShouldProcess($Name, 'Startup Automatic')) {",
      '    Set-Service $Name -StartupType Automatic',
      '    Get-Process x | Stop-Process -Force',
      '}',
      'Start-Sleep -Seconds 2',
      '$span = New-TimeSpan -Hours 1',
    ].join('\n');
    expect(shouldProcessProblems(guarded)).toEqual([]);
    expect(
      unguardedChanges(
        [
          'Stop-Service -Name Spooler -Force',
          'if ($x) { Remove-Item $path }',
          'Get-Process x | Stop-Process; if ($PSCmdlet.ShouldProcess("x", "Close")) { }',
          'if ($PSCmdlet.ShouldProcess("x", "Close")) { Stop-Process x }; Start-Service y',
          '$item = New-Item -Path $key -Force',
          'ipconfig /flushdns',
          'w32tm /query /status',
          "$ok = $PSCmdlet.ShouldProcess('x', 'Delete'); Remove-Item x",
          "$ok = $PSCmdlet.ShouldProcess('x', 'Delete')",
          'Remove-Item x',
          'powercfg /setactive SCHEME_CURRENT',
          'netsh wlan show profiles',
          'netsh wlan delete profile name="x"',
          'Invoke-Command -ComputerName pc { Restart-Service Spooler -WhatIf:$WhatIfPreference }',
        ].join('\n'),
      ),
    ).toEqual([
      'line 1: Stop-Service -Name Spooler -Force',
      'line 2: if ($x) { Remove-Item $path }',
      'line 3: Get-Process x | Stop-Process; if ($PSCmdlet.ShouldProcess("x", "Close")) { }',
      'line 4: if ($PSCmdlet.ShouldProcess("x", "Close")) { Stop-Process x }; Start-Service y',
      'line 5: $item = New-Item -Path $key -Force',
      'line 6: ipconfig /flushdns',
      "line 8: $ok = $PSCmdlet.ShouldProcess('x', 'Delete'); Remove-Item x",
      'line 10: Remove-Item x',
      'line 11: powercfg /setactive SCHEME_CURRENT',
      'line 13: netsh wlan delete profile name="x"',
    ]);
    expect(
      shouldProcessProblems(`[CmdletBinding()]\nparam()\n${READ_ONLY_MARKER}\nClear-DnsClientCache\n`),
    ).toEqual(['read-only script changes state at line 4: Clear-DnsClientCache']);
    expect(shouldProcessProblems('$ErrorActionPreference = "Stop"\nGet-Service\n')).toHaveLength(1);
  });

  it('rejects a broken playbook with a readable list of problems', () => {
    const [first] = pack;
    const broken = {
      ...first,
      template: {
        ...first?.template,
        body: `${first?.template.body}\nWrite-Host {{undeclared}}\nWrite-Host "{{close_outlook}}"`,
      },
    };
    expect(() => validatePlaybookPack([broken, first])).toThrow(
      /undeclared.*has no declared parameter[\s\S]*must be bare[\s\S]*duplicate playbook slug/,
    );
    expect(() => validatePlaybookPack([{ slug: 'Not Kebab' }])).toThrow(/Invalid playbook pack/);
  });
});
