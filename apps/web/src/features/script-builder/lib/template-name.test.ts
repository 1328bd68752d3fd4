import { describe, expect, it } from 'vitest';
import { suggestTemplateName } from './template-name';

const firstRequest = 'hey can you help, printer on floor 2 is stuck again since this morning';

describe('suggestTemplateName', () => {
  it.each([
    {
      name: 'a script composed from a library template takes the template name',
      script:
        '# Composed offline by FlowPilot from the template "Clear the print queue and restart the spooler" (clear-print-queue).\n# Request: restart the print spooler on PC-042\n#Requires -RunAsAdministrator\nStop-Service Spooler',
      filename: 'Clear-PrintQueue.ps1',
      expected: 'Clear the print queue and restart the spooler',
    },
    {
      name: 'PowerShell comment-based help: the synopsis',
      script:
        '<#\n.SYNOPSIS\n    Resets the Outlook profile for the signed-in user.\n.DESCRIPTION\n  …\n#>\nparam()',
      filename: 'script.ps1',
      expected: 'Resets the Outlook profile for the signed-in user',
    },
    {
      name: 'a Python docstring after the shebang',
      script: '#!/usr/bin/env python3\n"""Rotate the nginx logs and reload the service."""\nimport os',
      filename: 'rotate.py',
      expected: 'Rotate the nginx logs and reload the service',
    },
    {
      name: 'the first comment that says what it does, past the shebang and set lines',
      script:
        '#!/usr/bin/env bash\n# shellcheck disable=SC2086\n# Checks free space on every mounted volume\nset -euo pipefail\ndf -h',
      filename: 'check.sh',
      expected: 'Checks free space on every mounted volume',
    },
    {
      name: "a skeleton's purpose without the request's lead-in",
      script:
        '#!/usr/bin/env python3\n# Purpose: write a script that says hello\n# TODO: no library template matched\nimport sys',
      filename: 'says_hello.py',
      expected: 'Says hello',
    },
    {
      name: 'no header comment: the file name, in words',
      script: '$ErrorActionPreference = "Stop"\n# Stop it\nStop-Service Spooler',
      filename: 'Clear-PrintQueue.ps1',
      expected: 'Clear print queue',
    },
    {
      name: 'a kebab-case file name',
      script: 'df -h',
      filename: 'linux-disk-cleanup.sh',
      expected: 'Linux disk cleanup',
    },
  ])('$name', ({ script, filename, expected }) => {
    const name = suggestTemplateName({ script, filename, title: firstRequest });
    expect(name).toBe(expected);
    expect(name).not.toContain('printer on floor 2');
  });

  it('falls back to the title, then a placeholder', () => {
    expect(suggestTemplateName({ script: 'x=1', filename: null, title: 'Script for: Clear the queue' })).toBe(
      'Script for: Clear the queue',
    );
    expect(suggestTemplateName({ script: '', filename: '', title: '' })).toBe('Untitled template');
  });
});
