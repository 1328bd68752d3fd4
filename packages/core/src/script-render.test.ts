import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from './app-error';
import type { ScriptLanguage, TemplateParameter } from './script-template';
import {
  findPlaceholders,
  quoteLiteral,
  redactParameters,
  renderTemplate,
  validateParameterValues,
  validateTemplateDefinition,
  type ScriptTemplateDefinition,
} from './script-render';

const param = (name: string, overrides: Partial<TemplateParameter> = {}): TemplateParameter => ({
  name,
  label: name,
  type: 'string',
  required: false,
  sensitive: false,
  ...overrides,
});

const template = (
  language: ScriptLanguage,
  body: string,
  parameters_schema: TemplateParameter[],
): ScriptTemplateDefinition => ({
  language,
  body,
  parameters_schema,
});

const runBash = (script: string) => execFileSync('bash', ['-c', script], { encoding: 'utf8' });
const runPython = (script: string) =>
  execFileSync('python3', ['-c', script], {
    encoding: 'utf8',
    env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
  });

/** PowerShell's own rule for a '…' literal: a quote char ends it unless another quote char follows. */
const psSingleQuotes = new Set(["'", '\u2018', '\u2019', '\u201A', '\u201B']);
function readPowerShellLiteral(text: string): { value: string; consumed: number } {
  if (!psSingleQuotes.has(text[0]!)) throw new Error('not a single-quoted literal');
  let value = '';
  let i = 1;
  for (;;) {
    if (i >= text.length) throw new Error('unterminated');
    const c = text[i]!;
    if (psSingleQuotes.has(c)) {
      if (!psSingleQuotes.has(text[i + 1] ?? '')) return { value, consumed: i + 1 };
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += c;
    i += 1;
  }
}

const hostileValues = [
  "it's",
  'say "hi"',
  `both ' and " and ''`,
  '$(touch PWNED)',
  '`touch PWNED`',
  '${HOME} $HOME $PATH',
  "'; touch PWNED; echo '",
  '"; import os; os.system("touch PWNED"); "',
  '\\',
  'ends with backslash \\',
  "\\'",
  'line1\nline2\r\nline3',
  '\n; touch PWNED\n',
  '{{v}}',
  '{{ v }} and $& and $1',
  ';rm -rf "$TMPDIR/nothing"',
  '| touch PWNED &',
  '%s %d %n %%',
  '-n',
  '--help',
  '*',
  '~',
  '!!',
  '#not a comment',
  '😀 emoji, עברית RTL \u202Eevil\u202C, combining e\u0301, zero\u200Bwidth',
  '\u2018smart\u2019 \u201Aquotes\u201B \u201Cdouble\u201D',
  '\t tabs \u0001 \u001b[31m control \u007f',
  '\u2028 line and paragraph separators \u2029',
  '',
  ' ',
  'x'.repeat(10_000),
  `'`.repeat(3000),
];

describe('quoteLiteral', () => {
  it.each([
    ['bash', 'plain', "'plain'"],
    ['bash', "it's", "'it'\\''s'"],
    ['bash', '', "''"],
    ['bash', '$(x) `y` "z"', `'$(x) \`y\` "z"'`],
    ['powershell', "it's", "'it''s'"],
    ['powershell', '\u2018a\u2019b\u201Ac\u201Bd', "'\u2018\u2018a\u2019\u2019b\u201A\u201Ac\u201B\u201Bd'"],
    ['powershell', '$env:PATH `n "x"', '\'$env:PATH `n "x"\''],
    ['python', 'say "hi"\n', '"say \\"hi\\"\\n"'],
    ['python', "it's \\", `"it's \\\\"`],
    ['python', '😀', '"😀"'],
  ] as const)('%s %j → %s', (language, value, literal) => {
    expect(quoteLiteral(language, value)).toBe(literal);
  });

  it.each([
    ['bash', true, "'true'"],
    ['bash', false, "'false'"],
    ['powershell', true, '$true'],
    ['powershell', false, '$false'],
    ['python', true, 'True'],
    ['python', false, 'False'],
    ['bash', 42, '42'],
    ['powershell', -7, '-7'],
    ['python', 2.5, '2.5'],
    ['python', 1e21, '1e+21'],
  ] as const)('%s %s → %s', (language, value, literal) => {
    expect(quoteLiteral(language, value)).toBe(literal);
  });

  it('refuses what a language cannot represent', () => {
    expect(() => quoteLiteral('bash', 'a\0b')).toThrow(AppError);
    expect(() => quoteLiteral('powershell', 'a\0b')).toThrow(AppError);
    expect(() => quoteLiteral('python', Number.NaN)).toThrow(AppError);
    expect(() => quoteLiteral('bash', Number.POSITIVE_INFINITY)).toThrow(AppError);
    expect(quoteLiteral('python', 'a\0b')).toBe('"a\\u0000b"');
  });

  it('PowerShell, by construction: the literal is one single-quoted string that decodes to the value', () => {
    const psAlphabet = fc.constantFrom(
      "'",
      '\u2018',
      '\u2019',
      '\u201A',
      '\u201B',
      '"',
      '\u201C',
      '`',
      '$',
      '(',
      ')',
      '\n',
      'a',
      ' ',
      '😀',
      '@',
      '#',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: psAlphabet }),
          fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
        ),
        (value) => {
          const literal = quoteLiteral('powershell', value);
          const { value: decoded, consumed } = readPowerShellLiteral(literal);
          expect(consumed).toBe(literal.length);
          expect(decoded).toBe(value);
        },
      ),
      { numRuns: 1000 },
    );
    for (const value of hostileValues) {
      const literal = quoteLiteral('powershell', value);
      expect(readPowerShellLiteral(literal)).toEqual({ value, consumed: literal.length });
    }
  });

  it('bash: random strings round-trip through a real shell', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
          { minLength: 1, maxLength: 50 },
        ),
        (values) => {
          const out = runBash(`printf '%s\\0' ${values.map((v) => quoteLiteral('bash', v)).join(' ')}`);
          expect(out.split('\0').slice(0, -1)).toEqual(values);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('python: random strings, numbers and booleans round-trip through a real interpreter', () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 50 }), (values) => {
        const literals = values.map((v) => quoteLiteral('python', v)).join(', ');
        // repr() for floats is exact, so compare through JSON with floats re-read on the JS side.
        const out = runPython(
          `import sys, json\nsys.stdout.write(json.dumps([${literals}], ensure_ascii=True))`,
        );
        expect(JSON.parse(out)).toEqual(values);
      }),
      { numRuns: 15 },
    );
  });
});

describe('renderTemplate executes hostile values verbatim', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'flowpilot-render-'));
  const withMarker = (value: string) => value.replaceAll('PWNED', join(workDir, 'pwned'));
  const values = hostileValues.map(withMarker);

  it.each(values.map((v, i) => [i, v] as const))('bash value #%i', (_i, value) => {
    const { script, errors } = renderTemplate(template('bash', "printf '%s' {{v}}", [param('v')]), {
      v: value,
    });
    expect(errors).toEqual([]);
    expect(runBash(script)).toBe(value);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it.each(values.map((v, i) => [i, v] as const))('python value #%i', (_i, value) => {
    const { script, errors } = renderTemplate(
      template('python', 'import sys; sys.stdout.write({{v}})', [param('v')]),
      { v: value },
    );
    expect(errors).toEqual([]);
    expect(runPython(script)).toBe(value);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('powershell renders each hostile value as one literal that decodes to the value', () => {
    for (const value of values) {
      const { script, errors } = renderTemplate(
        template('powershell', 'Write-Output {{v}}; exit 0', [param('v')]),
        { v: value },
      );
      expect(errors).toEqual([]);
      expect(script.startsWith('Write-Output ')).toBe(true);
      const rest = script.slice('Write-Output '.length);
      const { value: decoded, consumed } = readPowerShellLiteral(rest);
      expect(decoded).toBe(value);
      expect(rest.slice(consumed)).toBe('; exit 0');
    }
  });

  it('a value that names another placeholder is not expanded again', () => {
    const t = template('bash', "printf '%s|%s' {{a}} {{ b }}", [param('a'), param('b')]);
    const { script } = renderTemplate(t, { a: '{{b}} $& $1', b: 'B' });
    expect(runBash(script)).toBe('{{b}} $& $1|B');
  });

  it('cleans up', () => {
    expect(readdirSync(workDir)).toEqual([]);
    rmSync(workDir, { recursive: true });
  });
});

describe('renderTemplate', () => {
  const typed = [
    param('count', { type: 'integer', required: true }),
    param('ratio', { type: 'number', default: 0.5 }),
    param('force', { type: 'boolean', default: false }),
    param('mode', { type: 'enum', options: ['fast', 'safe'], default: 'safe' }),
    param('note'),
  ];

  it.each([
    [
      'powershell',
      'Do-It -Count {{count}} -Ratio {{ratio}} -Force:{{force}} -Mode {{mode}} -Note {{note}}',
      "Do-It -Count 3 -Ratio 0.5 -Force:$true -Mode 'safe' -Note $null",
    ],
    ['bash', 'do_it {{count}} {{ratio}} {{force}} {{mode}} {{note}}', "do_it 3 0.5 'true' 'safe' ''"],
    [
      'python',
      'do_it({{count}}, {{ratio}}, {{force}}, {{mode}}, {{note}})',
      'do_it(3, 0.5, True, "safe", None)',
    ],
  ] as const)('%s renders typed values and defaults', (language, body, expected) => {
    expect(renderTemplate(template(language, body, typed), { count: '3', force: 'true' })).toEqual({
      script: expected,
      redacted_script: expected,
      errors: [],
    });
  });

  it('redacts secret and sensitive values in redacted_script only', () => {
    const t = template('powershell', 'Connect -User {{user}} -Password {{password}} -Token {{token}}', [
      param('user'),
      param('password', { type: 'secret', required: true }),
      param('token', { sensitive: true }),
    ]);
    const result = renderTemplate(t, { user: 'alice', password: "p'w", token: 't0k' });
    expect(result.script).toBe("Connect -User 'alice' -Password 'p''w' -Token 't0k'");
    expect(result.redacted_script).toBe("Connect -User 'alice' -Password '••••' -Token '••••'");
    expect(result.redacted_script).not.toContain('t0k');
  });

  it('returns errors and no script when values or the template are invalid', () => {
    const bad = renderTemplate(template('bash', 'echo {{count}}', typed), { count: 'many', extra: 1 });
    expect(bad.script).toBe('');
    expect(bad.redacted_script).toBe('');
    expect(bad.errors).toEqual(
      expect.arrayContaining([
        { field: 'parameters.count', message: 'must be a whole number' },
        { field: 'parameters.extra', message: 'is not a parameter of this template' },
      ]),
    );
    const unsafe = renderTemplate(template('bash', 'echo "{{v}}"', [param('v')]), { v: 'x' });
    expect(unsafe.script).toBe('');
    expect(unsafe.errors[0]).toMatchObject({
      field: 'body',
      message: expect.stringMatching(/inside a string literal/),
    });
  });

  it('finds placeholders, whitespace inside the braces allowed', () => {
    expect(findPlaceholders('a {{x}} {{ y }} {{x}} {{  z\t}} {{not-one}} {{}} { {w} }')).toEqual([
      'x',
      'y',
      'z',
    ]);
  });
});

describe('validateParameterValues', () => {
  it('coerces form strings to the declared types', () => {
    const schema = [
      param('i', { type: 'integer' }),
      param('n', { type: 'number' }),
      param('b1', { type: 'boolean' }),
      param('b2', { type: 'boolean' }),
      param('b3', { type: 'boolean' }),
      param('s'),
    ];
    expect(
      validateParameterValues(schema, {
        i: ' -12 ',
        n: '1.5e3',
        b1: 'TRUE',
        b2: '0',
        b3: true,
        s: '  keep spaces ',
      }),
    ).toEqual({
      values: { i: -12, n: 1500, b1: true, b2: false, b3: true, s: '  keep spaces ' },
      errors: [],
    });
  });

  it.each([
    [param('i', { type: 'integer' }), '1.5', 'must be a whole number'],
    [param('i', { type: 'integer' }), 2 ** 60, 'must be a whole number'],
    [param('i', { type: 'integer' }), '0x10', 'must be a whole number'],
    [param('n', { type: 'number' }), 'NaN', 'must be a number'],
    [param('n', { type: 'number' }), 'Infinity', 'must be a number'],
    [param('n', { type: 'number' }), '1,5', 'must be a number'],
    [param('b', { type: 'boolean' }), 'yes please', 'must be true or false'],
    [param('s'), 42, 'must be text'],
    [param('s'), { toString: 'x' }, 'must be text'],
    [param('s'), 'x'.repeat(10_001), 'must be at most 10000 characters'],
    [param('s'), 'a\0b', 'must not contain a NUL character'],
    [param('s'), 'lone \uD800 surrogate', 'must be valid Unicode text'],
    [param('e', { type: 'enum', options: ['a', 'b'] }), 'c', 'must be one of: a, b'],
    [param('p', { pattern: '[A-Z]{2}\\d+' }), 'AB12x', 'must match the pattern [A-Z]{2}\\d+'],
    [param('p', { pattern: 'a|b' }), 'ab', 'must match the pattern a|b'],
    [param('k', { type: 'secret', pattern: '\\S+' }), 'has space', 'must match the pattern \\S+'],
  ])('%o rejects %j', (p, value, message) => {
    expect(validateParameterValues([p], { [p.name]: value }).errors).toEqual([
      { field: `parameters.${p.name}`, message },
    ]);
  });

  it('accepts a full match of the pattern', () => {
    expect(validateParameterValues([param('p', { pattern: '[A-Z]{2}\\d+' })], { p: 'AB12' }).errors).toEqual(
      [],
    );
    expect(validateParameterValues([param('p', { pattern: 'a|b' })], { p: 'b' }).errors).toEqual([]);
  });

  it('requires required values; empty form fields count as missing; defaults fill in', () => {
    const schema = [
      param('r', { required: true }),
      param('d', { default: 'dflt' }),
      param('o'),
      param('rd', { required: true, default: 'x' }),
    ];
    expect(validateParameterValues(schema, {})).toEqual({
      values: { d: 'dflt', rd: 'x' },
      errors: [{ field: 'parameters.r', message: 'is required' }],
    });
    expect(validateParameterValues(schema, { r: '', d: null, o: '' }).errors).toEqual([
      { field: 'parameters.r', message: 'is required' },
    ]);
    expect(validateParameterValues(schema, { r: 'v', d: 'given' }).values).toEqual({
      r: 'v',
      d: 'given',
      rd: 'x',
    });
  });

  it('rejects unknown keys, including prototype names', () => {
    expect(
      validateParameterValues([param('a')], JSON.parse('{"__proto__": "x", "constructor": "y"}')).errors,
    ).toEqual([
      { field: 'parameters.__proto__', message: 'is not a parameter of this template' },
      { field: 'parameters.constructor', message: 'is not a parameter of this template' },
    ]);
  });
});

describe('validateTemplateDefinition', () => {
  it('accepts a clean template', () => {
    expect(
      validateTemplateDefinition(
        template('powershell', 'Restart-Service -Name {{service}} -ComputerName {{computer}}', [
          param('service', { default: 'Spooler', pattern: '[A-Za-z]+' }),
          param('computer', { required: true }),
        ]),
      ),
    ).toEqual([]);
  });

  it.each([
    ['duplicate names', [param('a'), param('a')], 'parameters_schema.1.name', /duplicate/],
    [
      'enum without options',
      [param('a', { type: 'enum' })],
      'parameters_schema.0.options',
      /at least one option/,
    ],
    [
      'enum with empty options',
      [param('a', { type: 'enum', options: [] })],
      'parameters_schema.0.options',
      /at least one option/,
    ],
    [
      'invalid regex',
      [param('a', { pattern: '([a-z' })],
      'parameters_schema.0.pattern',
      /not a valid regular expression/,
    ],
    [
      'catastrophic regex',
      [param('a', { pattern: '(a+)+b' })],
      'parameters_schema.0.pattern',
      /nested quantifiers/,
    ],
    [
      'nested star',
      [param('a', { pattern: '(\\w*\\s?)*' })],
      'parameters_schema.0.pattern',
      /nested quantifiers/,
    ],
    [
      'nested bounded',
      [param('a', { pattern: '(\\d{1,3})+' })],
      'parameters_schema.0.pattern',
      /nested quantifiers/,
    ],
    [
      'secret with default',
      [param('a', { type: 'secret', default: 'hunter2' })],
      'parameters_schema.0.default',
      /secret/,
    ],
    [
      'integer default not an integer',
      [param('a', { type: 'integer', default: 'ten' })],
      'parameters_schema.0.default',
      /whole number/,
    ],
    [
      'boolean default not boolean',
      [param('a', { type: 'boolean', default: 'maybe' })],
      'parameters_schema.0.default',
      /true or false/,
    ],
    [
      'default outside options',
      [param('a', { type: 'enum', options: ['x'], default: 'y' })],
      'parameters_schema.0.default',
      /one of: x/,
    ],
    [
      'default not matching pattern',
      [param('a', { pattern: '\\d+', default: 'abc' })],
      'parameters_schema.0.default',
      /pattern/,
    ],
  ])('%s', (_name, schema, field, message) => {
    const errors = validateTemplateDefinition(template('bash', 'echo {{a}}', schema));
    expect(errors).toContainEqual({ field, message: expect.stringMatching(message) });
  });

  it.each(['([a-z0-9-]+\\.)+[a-z]{2,}', '(\\d{1,3}\\.){3}\\d{1,3}', '[A-Z]{2}-\\d+', '(?:prod|dev)-[a-z]+'])(
    'accepts the ordinary pattern %s',
    (pattern) => {
      expect(validateTemplateDefinition(template('bash', 'echo {{a}}', [param('a', { pattern })]))).toEqual(
        [],
      );
    },
  );

  it('reports placeholders without a declared parameter once', () => {
    expect(validateTemplateDefinition(template('bash', 'echo {{a}} {{b}} {{ b }}', [param('a')]))).toEqual([
      { field: 'body', message: 'placeholder {{b}} has no declared parameter' },
    ]);
  });

  const safeBodies: [ScriptLanguage, string][] = [
    ['bash', "printf '%s\\n' {{v}} # comment with no placeholder"],
    ['bash', 'x=--name={{v}}; echo "$x" {{v}}.txt $#{{v}}'],
    ['bash', "cat <<EOF\nbody\nEOF\necho {{v}}\ncat <<-'E'\n\tbody\n\tE\necho {{v}} <<< {{v}}"],
    ['bash', "echo \"a \\\" still string\" {{v}} 'it'\\''s' {{v}}"],
    ['powershell', 'Write-Host \'it\'\'s\' {{v}} "say `"hi`"" {{v}} # done'],
    ['powershell', "<# block\ncomment #>\nWrite-Host {{v}}\n$s = @'\nhere\n'@\nWrite-Host {{v}}"],
    ['powershell', 'Set-Thing -Flag:{{v}} -Other ({{v}}) $x = {{v}}'],
    ['python', "print({{v}}, \"str # not comment\", '''\ntriple\n''', {{v}})"],
    ['python', 'x = [{{v}}, {{v}}]\nprint(x) # tail'],
  ];
  it.each(safeBodies)('%s body with bare placeholders is accepted: %j', (language, body) => {
    expect(validateTemplateDefinition(template(language, body, [param('v')]))).toEqual([]);
  });

  const unsafeBodies: [ScriptLanguage, string, RegExp][] = [
    ['bash', 'echo "{{v}}"', /line 1: .*inside a string literal/],
    ['bash', "echo '{{v}}'", /string literal/],
    ['bash', "echo $'{{v}}'", /string literal/],
    ['bash', 'echo "$(ls {{v}})"', /string literal/],
    ['bash', 'echo ok # for {{v}}', /comment/],
    ['bash', 'echo ok\n# {{v}}', /line 2: .*comment/],
    ['bash', 'cat <<EOF\n{{v}}\nEOF', /heredoc/],
    ['bash', "cat <<'EOF'\n{{v}}\nEOF", /heredoc/],
    ['bash', 'cat <<-EOF\n\tx {{v}}\n\tEOF', /heredoc/],
    ['bash', 'echo \\{{v}}', /changes how the quoted value is read/],
    ['bash', 'echo ${{v}}', /changes how/],
    ['powershell', "Write-Host '{{v}}'", /string literal/],
    ['powershell', 'Write-Host "{{v}}"', /string literal/],
    ['powershell', "Write-Host 'it''s {{v}}'", /string literal/],
    ['powershell', 'Write-Host \u2018{{v}}\u2019', /string literal/],
    ['powershell', "$s = @'\n{{v}}\n'@", /string literal/],
    ['powershell', '$s = @"\n{{v}}\n"@', /string literal/],
    ['powershell', 'Write-Host x # {{v}}', /comment/],
    ['powershell', '<# {{v}} #>', /comment/],
    ['powershell', 'Write-Host `{{v}}', /changes how/],
    ['powershell', 'Write-Host @{{v}}', /changes how/],
    ['python', 'print("{{v}}")', /string literal/],
    ['python', "print('a' + '{{v}}')", /string literal/],
    ['python', 'print("""\n{{v}}\n""")', /string literal/],
    ['python', 'print("esc \\" {{v}}")', /string literal/],
    ['python', 'print(1) # {{v}}', /comment/],
    ['python', 'print(f{{v}})', /changes how/],
    ['python', 'print(rb{{v}})', /changes how/],
  ];
  it.each(unsafeBodies)('%s body %j is refused', (language, body, message) => {
    expect(validateTemplateDefinition(template(language, body, [param('v')]))).toEqual([
      { field: 'body', message: expect.stringMatching(message) },
    ]);
  });

  it('the refusals are real: a placeholder inside bash double quotes would run a command substitution', () => {
    const literal = quoteLiteral('bash', '$(echo INJECTED)');
    expect(runBash(`printf '%s' "${literal}"`)).toBe("'INJECTED'");
    expect(runPython(`import sys; sys.stdout.write(f${quoteLiteral('python', '{6*7}')})`)).toBe('42');
  });
});

describe('redactParameters', () => {
  it('masks secret and sensitive values, keeps the rest', () => {
    const schema = [
      param('user'),
      param('pw', { type: 'secret' }),
      param('key', { sensitive: true }),
      param('empty', { type: 'secret' }),
    ];
    expect(redactParameters(schema, { user: 'alice', pw: 'hunter2', key: 42, empty: '' })).toEqual({
      user: 'alice',
      pw: '••••',
      key: '••••',
      empty: '',
    });
  });
});
