import { describe, expect, it } from 'vitest';
import { extractCodeBlocks, pilotSystemPrompt, scriptBuilderSystemPrompt } from './prompts.ts';

describe('prompts', () => {
  it('documents every marker and the working rules in the pilot prompt', () => {
    for (const name of ['QUESTIONS', 'ACTIONS', 'PROMOTE', 'SUGGEST_FIX', 'FIX_OUTCOME', 'CONFIDENCE'])
      expect(pilotSystemPrompt).toContain(`[${name}]`);
    expect(pilotSystemPrompt).toMatch(/Only one \[SUGGEST_FIX\]/);
    expect(pilotSystemPrompt).toMatch(/never run anything/i);
  });

  it.each(['powershell', 'bash', 'python'] as const)(
    '%s Script Builder prompt asks for one fenced block with a filename',
    (language) => {
      const prompt = scriptBuilderSystemPrompt(language);
      expect(prompt).toMatch(/exactly ONE fenced code block/);
      expect(prompt).toContain(`\`\`\`${language} filename=`);
    },
  );

  it('extracts language and filename from info strings', () => {
    const reply =
      'Here it is:\n```powershell filename=Reset-OutlookProfile.ps1\nWrite-Host hi\n```\nand\n```bash\necho hi\n```';
    expect(extractCodeBlocks(reply)).toEqual([
      { language: 'powershell', filename: 'Reset-OutlookProfile.ps1', code: 'Write-Host hi' },
      { language: 'bash', filename: undefined, code: 'echo hi' },
    ]);
  });
});
