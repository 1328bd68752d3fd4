import { describe, expect, it } from 'vitest';
import { latestScriptFrom, safeFilename } from './latest-script.ts';

describe('latestScriptFrom', () => {
  it('takes the last non-empty fenced block', () => {
    const reply =
      'Check:\n```powershell\nGet-Service\n```\nFix:\n```ps1 filename=Fix-It.ps1\nRestart-Service x\n```\n```\n\n```';
    expect(latestScriptFrom(reply, 'fix it', 'powershell')).toEqual({
      script: 'Restart-Service x',
      filename: 'Fix-It.ps1',
      language: 'powershell',
    });
  });

  it('has nothing when the reply has no complete block', () => {
    expect(latestScriptFrom('Which distribution is it?', 'x', 'bash')).toBeNull();
    expect(latestScriptFrom('```bash\necho cut off', 'x', 'bash')).toBeNull();
  });

  it('derives a name by language convention when the info string has none', () => {
    expect(
      latestScriptFrom('```python\nprint(1)\n```', 'test SMTP submission to Office 365', 'powershell')
        ?.filename,
    ).toBe('test_smtp_submission_office.py');
    expect(latestScriptFrom('```\nGet-Date\n```', 'show the date', 'powershell')?.filename).toBe(
      'Show-Date.ps1',
    );
  });
});

describe('safeFilename', () => {
  it.each([
    ['../../etc/cron.d/evil', 'bash', 'evil.sh'],
    ['C:\\Windows\\System32\\Fix-It.ps1', 'powershell', 'Fix-It.ps1'],
    ['.hidden.sh', 'bash', 'hidden.sh'],
    ['rm -rf $HOME;.sh', 'bash', 'rm-rfHOME.sh'],
    ['...', 'bash', null],
    [undefined, 'bash', null],
  ] as const)('%s → %s', (raw, language, expected) => {
    expect(safeFilename(raw, language)).toBe(expected);
  });
});
