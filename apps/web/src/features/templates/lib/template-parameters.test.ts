import { describe, expect, it } from 'vitest';
import {
  applyParameters,
  draftFromParameter,
  draftFromSelection,
  emptyDraft,
  toParametersSchema,
  unusedParameters,
  type ParameterDraft,
} from './template-parameters';

const draft = (fields: Partial<ParameterDraft>): ParameterDraft => ({ ...emptyDraft(), ...fields });

describe('applyParameters', () => {
  it('replaces a quoted literal, quotes included, with a bare placeholder', () => {
    const script = "$ComputerName = 'PC-042'\nRestart-Service -Name Spooler -ComputerName $ComputerName";
    const body = applyParameters(script, [draft({ name: 'computer_name', literal: "'PC-042'" })]);
    expect(body).toBe(
      '$ComputerName = {{computer_name}}\nRestart-Service -Name Spooler -ComputerName $ComputerName',
    );
  });

  it('replaces every whole occurrence of a bare literal and nothing inside longer words', () => {
    const body = applyParameters('ping PC-042 && ping PC-0421 && echo "PC-042"', [
      draft({ name: 'host', literal: 'PC-042' }),
    ]);
    expect(body).toBe('ping {{host}} && ping PC-0421 && echo {{host}}');
  });

  it('skips rows without a literal or with an invalid name', () => {
    const script = 'echo hello';
    expect(
      applyParameters(script, [draft({ name: 'x', literal: '' }), draft({ name: '1bad', literal: 'hello' })]),
    ).toBe(script);
  });

  it('treats regular-expression characters in the literal as text', () => {
    expect(
      applyParameters('Get-Item C:\\Temp\\*.log', [draft({ name: 'path', literal: 'C:\\Temp\\*.log' })]),
    ).toBe('Get-Item {{path}}');
  });
});

describe('draftFromSelection', () => {
  it('names the parameter after the variable it is assigned to and keeps the value as default', () => {
    const script = "$ComputerName = 'PC-042'";
    const result = draftFromSelection(script, "'PC-042'", []);
    expect(result).toMatchObject({
      name: 'computer_name',
      label: 'Computer name',
      type: 'string',
      defaultValue: 'PC-042',
      literal: "'PC-042'",
    });
  });

  it('uses a PowerShell switch name and infers numbers and booleans', () => {
    expect(draftFromSelection('Get-EventLog -Newest 50', '50', [])).toMatchObject({
      name: 'newest',
      type: 'integer',
    });
    expect(draftFromSelection('FORCE=$true', '$true', [])).toMatchObject({
      name: 'force',
      type: 'boolean',
      defaultValue: 'true',
    });
  });

  it('does not reuse a name already taken and flags secrets as sensitive', () => {
    const result = draftFromSelection('$Password = "hunter2"', '"hunter2"', ['password']);
    expect(result.name).toBe('password_2');
    expect(result.sensitive).toBe(true);
  });
});

describe('toParametersSchema', () => {
  it('types defaults and splits enum options', () => {
    expect(
      toParametersSchema([
        draft({ name: 'count', label: 'Count', type: 'integer', defaultValue: '5', required: true }),
        draft({ name: 'mode', label: '', type: 'enum', options: 'fast, safe\nslow', defaultValue: 'safe' }),
        draft({ name: 'token', label: 'Token', type: 'secret', defaultValue: 'x' }),
      ]),
    ).toEqual([
      { name: 'count', label: 'Count', type: 'integer', required: true, sensitive: false, default: 5 },
      {
        name: 'mode',
        label: 'Mode',
        type: 'enum',
        required: true,
        sensitive: false,
        default: 'safe',
        options: ['fast', 'safe', 'slow'],
      },
      { name: 'token', label: 'Token', type: 'secret', required: true, sensitive: true },
    ]);
  });

  it('lists parameters the body never uses', () => {
    expect(unusedParameters('echo {{a}}', [draft({ name: 'a' }), draft({ name: 'b' })])).toEqual(['b']);
  });
});

describe('draftFromParameter', () => {
  it('round-trips a stored parameter, keeping what the form does not edit', () => {
    const stored = [
      {
        name: 'printer',
        label: 'Printer',
        type: 'enum' as const,
        required: true,
        default: 'HP-2',
        options: ['HP-1', 'HP-2'],
        sensitive: false,
      },
      {
        name: 'host',
        label: 'Host name',
        type: 'string' as const,
        required: false,
        pattern: '^[A-Z0-9-]+$',
        help: 'e.g. FIN-PC-07',
        sensitive: false,
      },
      {
        name: 'retries',
        label: 'Retries',
        type: 'integer' as const,
        required: false,
        default: 3,
        sensitive: false,
      },
      { name: 'token', label: 'Token', type: 'secret' as const, required: true, sensitive: true },
    ];
    const drafts = stored.map(draftFromParameter);
    expect(drafts.map((row) => row.literal)).toEqual(['', '', '', '']);
    expect(toParametersSchema(drafts)).toEqual(stored);
    // The body already holds the placeholders: nothing is replaced again.
    expect(applyParameters('Get-Printer {{printer}} -Host {{host}}', drafts)).toBe(
      'Get-Printer {{printer}} -Host {{host}}',
    );
  });
});
