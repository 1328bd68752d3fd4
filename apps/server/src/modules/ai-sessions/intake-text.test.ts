import { describe, expect, it } from 'vitest';
import { intakeMarkdown, normalizeIntake, titleFromIntake } from './intake-text.ts';

describe('intake text', () => {
  it('titles a session by its first meaningful line, without markdown', () => {
    expect(titleFromIntake({ text: '\n\n  ## **Printer** offline  \nmore detail' })).toBe('Printer offline');
    expect(titleFromIntake({ text: '- VPN drops hourly', ticket_ref: 'INC-9' })).toBe(
      'INC-9: VPN drops hourly',
    );
    const long = titleFromIntake({ text: 'word '.repeat(40) });
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long.endsWith('word…')).toBe(true);
    expect(titleFromIntake({ text: 'x'.repeat(200) })).toHaveLength(80);
  });

  it('drops empty optional fields and NULs', () => {
    expect(
      normalizeIntake({
        text: ' a\u0000b ',
        ticket_ref: '  ',
        client_name: 'Contoso ',
        asset_name: '',
        logs: '\n',
      }),
    ).toEqual({ text: 'ab', client_name: 'Contoso' });
  });

  it('renders the intake as markdown with the logs fenced safely', () => {
    expect(intakeMarkdown({ text: 'Disk full', asset_name: 'SRV-1', logs: 'C: 0 bytes free\n' })).toBe(
      '**Asset:** SRV-1\n\nDisk full\n\n**Logs:**\n\n```text\nC: 0 bytes free\n```',
    );
    expect(intakeMarkdown({ text: 'Just text' })).toBe('Just text');
    expect(intakeMarkdown({ text: 't', logs: 'a ````` b' })).toContain('``````text\na ````` b\n``````');
  });
});
