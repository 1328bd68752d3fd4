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
  // Heredoc terminators and line endings a body might use, alone and around an injection.
  'EOF',
  'E-O-F',
  '\nEOF\ntouch PWNED\nEOF\n',
  '\nE-O-F\ntouch PWNED\n',
  '\r',
  'EOF\r\ntouch PWNED\r\n',
  'cr\rmid line',
  '`echo \\`touch PWNED\\``',
  '$((1+1)) a[$(touch PWNED)]',
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
    [param('s'), 'a\0b', 'cannot contain a NUL (zero) character; a script cannot pass it on'],
    [param('s'), 'lone \uD800 surrogate', 'must be valid Unicode text'],
    [param('e', { type: 'enum', options: ['a', 'b'] }), 'c', 'must be one of: a, b'],
    // The person typing never sees the pattern: its help text, an example, or plain words.
    [
      param('p', { pattern: '[A-Z]{2}\\d+', help: 'Two capitals and a number, like AB12.' }),
      'AB12x',
      'is not in the expected format: Two capitals and a number, like AB12.',
    ],
    [param('p', { pattern: 'a|b', default: 'a' }), 'ab', 'is not in the expected format (for example: a)'],
    [param('k', { type: 'secret', pattern: '\\S+' }), 'has space', 'is not in the expected format'],
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
    ['invalid regex', [param('a', { pattern: '([a-z' })], 'parameters_schema.0.pattern', /not a pattern/],
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
    ['bash', 'echo "{{v}}"', /line 1, column 7: .*inside a string literal/],
    ['bash', "echo '{{v}}'", /string literal/],
    ['bash', "echo $'{{v}}'", /string literal/],
    ['bash', 'echo "$(ls {{v}})"', /string literal/],
    ['bash', 'echo ok # for {{v}}', /comment/],
    ['bash', 'echo ok\n# {{v}}', /line 2, column 3: .*comment/],
    ['bash', 'cat <<EOF\n{{v}}\nEOF', /heredoc/],
    ['bash', "cat <<'EOF'\n{{v}}\nEOF", /heredoc/],
    ['bash', 'cat <<-EOF\n\tx {{v}}\n\tEOF', /heredoc/],
    ['bash', 'echo \\{{v}}', /changes how the quoted value is read/],
    ['bash', 'echo ${{v}}', /changes how/],
    ['bash', 'echo "${{v}}"', /string literal/],
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

describe('bash bodies: placeholders where quoting cannot protect them are refused, with where', () => {
  const errorsOf = (body: string) => validateTemplateDefinition(template('bash', body, [param('x')]));

  it.each([
    ['echo "user is" `echo {{x}}`', /^line 1, column 22: .*backticks/],
    ['echo `echo \\`{{x}}\\``', /backticks/],
    ['cat <<E-O-F\n{{x}}\nE-O-F', /^line 2, column 1: .*heredoc/],
    // The old lexer took the delimiter as "E", ended the heredoc on line 2 and saw {{x}} as code.
    ['cat <<E-O-F\nE\necho {{x}}\nE-O-F', /^line 3, column 6: .*heredoc/],
    ["cat <<'E-O-F'\nE\necho {{x}}\nE-O-F", /heredoc/],
    ['cat <<"END HERE"\nEND\necho {{x}}\nEND HERE', /heredoc/],
    ['cat <<E"O"F\nE\necho {{x}}\nEOF', /heredoc/],
    ['cat <<\\EOF\n{{x}}\nEOF', /heredoc/],
    ['cat <<-END\n\t{{x}}\n\tEND', /heredoc/],
    ['cat <<A <<B\na\nA\n{{x}}\nB', /^line 4, column 1: .*heredoc/],
    // A backslash-newline joins lines in an unquoted heredoc: "fooEOF" ends nothing.
    ['cat <<EOF\nfoo\\\nEOF\necho {{x}}\nEOF', /^line 4, column 6: .*heredoc/],
    ['cat <<{{x}}\nbody\n', /heredoc/],
    // bash reads CR as part of the word: "EOF\r" is not the terminator, the heredoc goes on.
    ['cat <<EOF\nbody\nEOF\r\necho {{x}}\nEOF', /heredoc/],
    ['echo hi\recho {{x}}', /^line 1, column 14: .*carriage return/],
    ['echo one\r\necho {{x}}', /^line 2, column 6: .*carriage return/],
    ['echo $(( {{x}} + 1 ))', /arithmetic/],
    ['(( n = {{x}} ))', /arithmetic/],
    ['a[{{x}}]=1', /arithmetic/],
    ['[[ {{x}} -eq 3 ]] && echo three', /arithmetic/],
    ['echo ${v:-{{x}}}', /\$\{/],
    ['echo "$(echo {{x}})"', /string literal/],
  ])('%j is refused', (body, message) => {
    const errors = errorsOf(body);
    expect(errors).toEqual([{ field: 'body', message: expect.stringMatching(message) }]);
  });

  const printing: string[] = [
    "printf '%s' {{v}}",
    "cat <<EOF >/dev/null\n{not a placeholder}\nEOF\nprintf '%s' {{v}}",
    "cat <<E-O-F >/dev/null\nE\nEOF\nE-O-F\nprintf '%s' {{v}}",
    "cat <<-'E' >/dev/null\n\tbody $(nothing)\n\tE\nprintf '%s' {{v}}",
    "cat <<A >/dev/null <<B\na\nA\nb\nB\nprintf '%s' {{v}}",
    "x=$(printf '%s.' {{v}}); printf '%s' \"${x%.}\"",
    "case {{v}} in *) printf '%s' {{v}} ;; esac",
    'v={{v}}; printf \'%s\' "$v"',
    'f() { printf \'%s\' "$1"; }; f {{v}}',
    "[[ -n {{v}} || -z {{v}} ]] && printf '%s' {{v}}",
    "printf '%s' {{v}} <<< {{v}}",
    "echo $((1 << 2)) >/dev/null; printf '%s' {{v}}",
    "# a comment\nprintf '%s' {{v}} # another",
    "echo \\\n  >/dev/null; printf '%s' {{v}}",
  ];
  const shellAlphabet = fc.constantFrom(
    "'",
    '"',
    '`',
    '$',
    '(',
    ')',
    '{',
    '}',
    '\\',
    '\n',
    '\r',
    ';',
    '&',
    '|',
    '<',
    '>',
    '#',
    ' ',
    '\t',
    'EOF',
    'E-O-F',
    'E',
    '-',
    '*',
    '?',
    '[',
    ']',
    '~',
    '!',
    'a',
    '😀',
    '\u0001',
    '\u007f',
  );

  it.each(printing)('accepted, and every value prints back byte for byte through bash: %j', (body) => {
    expect(errorsOf(body.replaceAll('{{v}}', '{{x}}'))).toEqual([]);
    const samples = fc.sample(fc.string({ unit: shellAlphabet, maxLength: 40 }), 40);
    const values = [...hostileValues.filter((v) => v.length < 500), ...samples];
    // One bash run per body: each rendered script prints its value, then a NUL separator.
    const script = values
      .map((value) => {
        const { script: rendered, errors } = renderTemplate(template('bash', body, [param('v')]), {
          v: value,
        });
        expect(errors).toEqual([]);
        return `${rendered}\nprintf '\\0'\n`;
      })
      .join('');
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8', cwd: tmpdir() });
    expect(out.split('\0').slice(0, -1)).toEqual(values);
  });

  it('NUL cannot reach bash: refused with a plain message', () => {
    const { errors } = renderTemplate(template('bash', "printf '%s' {{v}}", [param('v')]), { v: 'a\0b' });
    expect(errors).toEqual([{ field: 'parameters.v', message: expect.stringMatching(/NUL/) }]);
  });

  it('property: whatever the body, if it is accepted no value it renders runs as code', () => {
    const workDir = mkdtempSync(join(tmpdir(), 'flowpilot-lexer-'));
    const fragments = fc.constantFrom(
      '{{v}}',
      ' {{v}} ',
      ' ',
      '\n',
      '\r',
      '\r\n',
      ';',
      'printf %s ',
      "'q'",
      '"dq"',
      "'",
      '"',
      '`',
      '\\',
      '"$(printf %s x)"',
      '`printf b`',
      '$(printf c)',
      '$((1<<2))',
      '((1))',
      'a[1]=',
      '${x:-',
      '}',
      'cat <<EOF\nh\nEOF\n',
      'cat <<E-O-F\nE\nE-O-F\n',
      "cat <<-'X'\n\tX\n",
      'cat <<EOF\nEOF\r\n',
      'cat <<EOF\nx\\\nEOF\n',
      '<<',
      '<<-',
      'EOF',
      'E-O-F',
      '# c ',
      '#',
      'x=',
      '(',
      ')',
      '[[ ',
      ' ]]',
      ' -eq ',
      'case ',
      ' in ',
      ' esac',
      '{ ',
      ' }',
      '$',
      "$'",
      '<<<',
      ' |',
      ' &&',
      '${{v}}',
      '\\{{v}}',
      ')#',
      'a#',
      '$"',
      '"${',
      '`\\`',
    );
    const marker = (n: number) => join(workDir, `pwned${n}`);
    const payload = [
      `$(touch ${marker(1)})`,
      `\`touch ${marker(2)}\``,
      `'; touch ${marker(3)}; '`,
      `\ntouch ${marker(4)}\n`,
      `\nEOF\ntouch ${marker(5)}\n`,
      `\nE-O-F\ntouch ${marker(6)}\nE-O-F\n`,
      `\nX\ntouch ${marker(7)}\n`,
      `\r\ntouch ${marker(8)}\r\n`,
      `a[$(touch ${marker(9)})]`,
    ].join('');
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(fragments, { minLength: 1, maxLength: 14 }), (parts) => {
        const body = parts.join('');
        if (!body.includes('{{v}}')) return;
        const t = template('bash', body, [param('v')]);
        if (validateTemplateDefinition(t).length > 0) return;
        accepted += 1;
        for (const file of readdirSync(workDir)) rmSync(join(workDir, file), { force: true });
        const { script } = renderTemplate(t, { v: payload });
        try {
          execFileSync('bash', ['-c', script], { cwd: workDir, stdio: 'ignore', timeout: 5_000 });
        } catch {
          // Random bodies are mostly syntax errors; only what they run matters.
        }
        expect(readdirSync(workDir), body).toEqual([]);
      }),
      { numRuns: 600, seed: 11 },
    );
    rmSync(workDir, { recursive: true });
    // The generator must reach accepted bodies, or the property says nothing.
    expect(accepted).toBeGreaterThan(30);
  });
});

describe('parameter patterns run in time linear in the value (RE2 semantics)', () => {
  // Each of these backtracks for minutes (or forever) in a backtracking engine on a long
  // value that almost matches; the nested-quantifier heuristic let the first three through.
  const hostilePatterns = ['a*a*a*a*a*a*b', '(a|a)*', '(a+|b)+', '(a+)+b', '(\\w*\\s?)*'];
  const longValues = ['a'.repeat(10_000), `${'a'.repeat(9_999)}!`, `${'ab'.repeat(5_000)}c`];

  it.each(hostilePatterns)('%s: saved, and 10,000-character values are checked at once', (pattern) => {
    const schema = [param('a', { pattern })];
    expect(validateTemplateDefinition(template('bash', 'echo {{a}}', schema))).toEqual([]);
    const started = performance.now();
    for (const value of longValues) validateParameterValues(schema, { a: value });
    renderTemplate(template('bash', 'echo {{a}}', schema), { a: longValues[1] });
    // Milliseconds in practice; the bound only separates linear from exponential.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('a default is checked against a hostile pattern at save just as fast', () => {
    const schema = [param('a', { pattern: 'a*a*a*a*a*a*b', default: `${'a'.repeat(10_000)}` })];
    const started = performance.now();
    expect(validateTemplateDefinition(template('bash', 'echo {{a}}', schema))).toEqual([
      { field: 'parameters_schema.0.default', message: expect.stringMatching(/default/) },
    ]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('matching keeps its meaning: the whole value must match', () => {
    const check = (pattern: string, value: string) =>
      validateParameterValues([param('p', { pattern })], { p: value }).errors.length === 0;
    expect(check('a|b', 'ab')).toBe(false);
    expect(check('a|b', 'b')).toBe(true);
    expect(check('(a+|b)+', 'abba')).toBe(true);
    expect(check('(a+|b)+', 'abc')).toBe(false);
    expect(check('[A-Z]{2}\\d+', 'AB12')).toBe(true);
    expect(check('(?i)srv-\\d+', 'SRV-7')).toBe(true);
    expect(check('(?<host>[a-z]+)\\.example', 'web.example')).toBe(true);
  });

  it.each([
    ['look-ahead', '(?=a)a'],
    ['negative look-ahead', '(?!x).+'],
    ['look-behind', '(?<=a)b'],
    ['back-reference', '(a)\\1'],
    ['too many repeats', 'a{1001}'],
    ['not a pattern at all', '([a-z'],
  ])('a pattern the linear engine cannot run (%s) is refused at save in plain words', (_name, pattern) => {
    const errors = validateTemplateDefinition(template('bash', 'echo {{a}}', [param('a', { pattern })]));
    expect(errors).toEqual([{ field: 'parameters_schema.0.pattern', message: expect.any(String) }]);
    expect(errors[0]!.message).toMatch(/look-ahead|back-reference|not a pattern/);
  });
});

describe('rendered size is capped and validation is linear', () => {
  // 8,333 placeholders in a 50 KB body: a 10,000-character value would make an 83 MB script.
  const manyPlaceholders = (language: ScriptLanguage) =>
    template(language, '{{x}}\n'.repeat(8_333), [param('x')]);

  it.each(['bash', 'powershell', 'python'] as const)(
    '%s: the 50 KB body validates in milliseconds, not quadratic time',
    (language) => {
      const started = performance.now();
      expect(validateTemplateDefinition(manyPlaceholders(language))).toEqual([]);
      // 7–18 ms median in bench/template-render.bench.ts; the quadratic line counting took 1.5–1.9 s.
      expect(performance.now() - started).toBeLessThan(250);
    },
  );

  it('a script over 1 MB is refused in words, without building it', () => {
    const started = performance.now();
    const result = renderTemplate(manyPlaceholders('bash'), { x: 'a'.repeat(10_000) });
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.script).toBe('');
    expect(result.errors).toEqual([
      {
        field: 'script',
        message:
          'The script would be 83.4 MB; a rendered script can be at most 1 MB. Use shorter values or fewer placeholders.',
      },
    ]);
  });

  it('counts bytes as UTF-8 and checks the redacted script too', () => {
    // 999,990 bytes around a literal of 3 × 2 bytes + 2 quotes: 999,998, just under 1,000,000.
    const body = `${'#'.repeat(999_984)}\necho {{x}}`;
    const under = renderTemplate(template('bash', body, [param('x')]), { x: 'ééé' });
    expect(under.errors).toEqual([]);
    expect(new TextEncoder().encode(under.script).length).toBe(999_998);
    const over = renderTemplate(template('bash', body, [param('x')]), { x: 'ééééé' });
    expect(over.errors).toEqual([{ field: 'script', message: expect.stringMatching(/at most 1 MB/) }]);
    const secret = template('bash', `${'#'.repeat(999_990)}\necho {{s}}`, [param('s', { type: 'secret' })]);
    // The real script is 999,999 bytes; "••••" is 12 bytes and pushes the redacted copy over.
    expect(renderTemplate(secret, { s: 'x' }).errors).toEqual([
      { field: 'script', message: expect.stringMatching(/at most 1 MB/) },
    ]);
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
