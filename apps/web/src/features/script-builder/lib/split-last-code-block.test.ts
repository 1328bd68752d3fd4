import { describe, expect, it } from 'vitest';
import { splitLastCodeBlock } from './split-last-code-block';

describe('splitLastCodeBlock', () => {
  it('finds the last complete block with its language and file name', () => {
    const reply =
      'Try this.\n\n```bash\necho one\n```\n\nOr:\n\n```powershell filename=Clear-PrintQueue.ps1\nWrite-Host hi\n```\nDone.';
    expect(splitLastCodeBlock(reply)).toEqual({
      before: 'Try this.\n\n```bash\necho one\n```\n\nOr:',
      code: { text: 'Write-Host hi', language: 'powershell', filename: 'Clear-PrintQueue.ps1' },
      after: 'Done.',
    });
  });

  it('leaves a block that is still streaming in the text', () => {
    const reply = 'Here it comes:\n\n```python\nprint(1)';
    expect(splitLastCodeBlock(reply)).toEqual({ before: reply, code: null, after: '' });
  });
});
