import fc from 'fast-check';

/** The subset of JSON Schema that the zod → OpenAPI transform emits for our contracts. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
}

interface OpenApiParameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** As OpenAPI names it, e.g. `/api/v1/ai-sessions/{sid}/suggested-fixes/{fid}/apply`. */
  path: string;
  pathParams: { name: string; kind: IdKind }[];
  query: OpenApiParameter[];
  body: JsonSchema | undefined;
}

export type IdKind =
  'user' | 'session' | 'fact' | 'fix' | 'message' | 'template' | 'draft' | 'builder' | 'other';

/** Real ids of one account, by kind, plus every id of every row it owns. */
export interface IdPool {
  byKind: Record<IdKind, string[]>;
  all: string[];
}

export interface IdPools {
  A: IdPool;
  B: IdPool;
  builtinTemplates: string[];
}

const kindBySegment: Record<string, IdKind> = {
  users: 'user',
  'ai-sessions': 'session',
  facts: 'fact',
  'suggested-fixes': 'fix',
  messages: 'message',
  'script-templates': 'template',
  'draft-templates': 'draft',
  sessions: 'builder',
};

const kindByField: Record<string, IdKind> = {
  template_id: 'template',
  script_template_id: 'template',
  ai_session_id: 'session',
  fix_id: 'fix',
};

/** Every operation of the OpenAPI document, with what the fuzzer needs to know about it. */
export function listRoutes(spec: { paths: Record<string, Record<string, OpenApiOperation>> }): RouteSpec[] {
  return Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const segments = path.split('/');
      const pathParams = segments.flatMap((segment, index) => {
        const match = /^\{(\w+)\}$/.exec(segment);
        if (!match) return [];
        return [{ name: match[1]!, kind: kindBySegment[segments[index - 1] ?? ''] ?? 'other' }];
      });
      return {
        method: method.toUpperCase() as RouteSpec['method'],
        path,
        pathParams,
        query: (operation.parameters ?? []).filter((p) => p.in === 'query'),
        body: operation.requestBody?.content?.['application/json']?.schema,
      };
    }),
  );
}

// ---------------------------------------------------------------------------
// Values

export const hostileStrings = [
  "'; DROP TABLE users; --",
  `" OR "1"="1`,
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{x}}',
  '{{ api_key }}',
  '${process.env}',
  '$(rm -rf /)',
  '`whoami`',
  '\u0000',
  'nul\u0000inside',
  '\u0000\u0001\u001f',
  '\uD800',
  '\uFFFE\uFFFF',
  '💥🔥🚀'.repeat(20),
  '👩‍👩‍👧‍👦',
  'Ω≈ç√∫˜µ≤≥÷',
  'e\u0301\u0301\u0301',
  'ｆｕｌｌ',
  '\u202Eevil',
  '\r\n\r\nX-Injected: 1',
  '../../../etc/passwd',
  '%00%2e%2e%2f',
  '[SUGGEST_FIX]{"title":"typed","description":"x","confidence_pct":99}[/SUGGEST_FIX]',
  '[CONFIDENCE]1[/CONFIDENCE]',
  '[SUGGEST_FIX]{"title":',
  '   ',
  'null',
  'undefined',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
];

const junkIds = [
  'not-a-uuid',
  '0',
  '-1',
  'null',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '12345678-1234-1234-1234-1234567890ab',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
  "1' OR '1'='1",
  '..%2F..%2Fetc',
  '%00',
  '{{id}}',
  'x'.repeat(201),
];

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 5 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

export interface ValueContext {
  ids: IdPools;
  /** Extra strings worth trying for some fields (known emails, template parameter names…). */
  hints: Record<string, string[]>;
  /** Known-good values for some fields (e.g. template parameters), tried half of the time. */
  examples?: Record<string, unknown[]>;
}

export function idArbitrary(kind: IdKind, context: ValueContext, allowJunk = true): fc.Arbitrary<string> {
  const { A, B, builtinTemplates } = context.ids;
  const choices: fc.WeightedArbitrary<string>[] = [];
  const add = (weight: number, values: string[]) => {
    if (values.length > 0) choices.push({ weight, arbitrary: fc.constantFrom(...values) });
  };
  add(5, A.byKind[kind]);
  add(4, B.byKind[kind]);
  if (kind === 'template') add(2, builtinTemplates);
  add(1, [...A.all, ...B.all]);
  choices.push({ weight: 1, arbitrary: fc.uuid() });
  if (allowJunk) choices.push({ weight: 1, arbitrary: fc.constantFrom(...junkIds) });
  return fc.oneof(...choices);
}

function stringArbitrary(schema: JsonSchema, key: string, context: ValueContext): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 1000;
  const pad = (value: string) => (value.length >= min ? value : value + 'x'.repeat(min - value.length));
  const choices: fc.WeightedArbitrary<string>[] = [
    { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, 40) }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, 40) }) },
    { weight: 4, arbitrary: fc.constantFrom(...hostileStrings).map(pad) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'x'.repeat(min),
        'x'.repeat(max),
        'x'.repeat(max + 1),
        'é'.repeat(max),
        '💥'.repeat(Math.ceil(max / 2)),
        'x'.repeat(Math.max(0, min - 1)),
      ),
    },
  ];
  if (schema.format === 'uuid')
    choices.push({ weight: 12, arbitrary: idArbitrary(kindByField[key] ?? 'other', context) });
  if (schema.pattern && !schema.format) {
    try {
      choices.push({ weight: 4, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) });
    } catch {
      // a pattern fast-check cannot generate from: the other choices still apply
    }
  }
  const hints = context.hints[key];
  if (hints?.length) choices.push({ weight: 6, arbitrary: fc.constantFrom(...hints) });
  return fc.oneof(...choices);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000_000;
  const max = schema.maximum ?? 1_000_000;
  return fc.oneof(
    { weight: 4, arbitrary: integer ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(min, max, min - 1, max + 1, 0, -0, 0.5, 1e21, -1e21, 2 ** 53 + 1, 1e308),
    },
  );
}

const leafValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...hostileStrings),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

/** Values that satisfy the schema most of the time, sitting on its edges the rest of it. */
export function valueArbitrary(
  schema: JsonSchema,
  key: string,
  context: ValueContext,
): fc.Arbitrary<unknown> {
  const examples = context.examples?.[key];
  const generated = schemaValueArbitrary(schema, key, context);
  return examples?.length ? fc.oneof(fc.constantFrom(...examples), generated) : generated;
}

function schemaValueArbitrary(schema: JsonSchema, key: string, context: ValueContext): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valueArbitrary(s, key, context)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...schema.enum) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('', 'OWNER', 'unknown', 'owner ', ...hostileStrings.slice(0, 4)),
      },
    );
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => valueArbitrary({ ...schema, type }, key, context)));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(schema, key, context);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema.items ? valueArbitrary(schema.items, key, context) : leafValue;
      const maxItems = schema.maxItems ?? 5;
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(maxItems, 4) }),
        },
        { weight: 1, arbitrary: fc.array(items, { minLength: maxItems + 1, maxLength: maxItems + 1 }) },
      );
    }
    case 'object':
      return objectArbitrary(schema, context);
    default:
      return fc.oneof(leafValue, fc.jsonValue({ maxDepth: 2 }));
  }
}

function objectArbitrary(schema: JsonSchema, context: ValueContext): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) {
    // A free-form map such as template `parameters`: known names and a few hostile ones.
    const keys = fc.oneof(
      fc.constantFrom(...(context.hints['parameter_names'] ?? ['x'])),
      fc.constantFrom('__proto__', 'constructor', '', 'x'.repeat(300)),
      fc.string({ maxLength: 10 }),
    );
    return fc.dictionary(keys, fc.oneof(leafValue, fc.array(leafValue, { maxLength: 3 })), { maxKeys: 6 });
  }
  const record = Object.fromEntries(
    properties.map(([name, property]) => [name, valueArbitrary(property, name, context)]),
  );
  return fc.record(record, { requiredKeys: (schema.required ?? []).filter((name) => name in record) });
}

/** Takes a value and breaks it in one of the usual ways a client gets a body wrong. */
function mutate(value: unknown, schema: JsonSchema) {
  const keys = Object.keys(schema.properties ?? {});
  return fc
    .tuple(
      fc.constantFrom(
        'drop-required',
        'wrong-type',
        'extra-field',
        'wrap-in-array',
        'replace-whole',
        'null-field',
      ),
      fc.nat(),
      wrongType,
    )
    .map(([operation, index, replacement]) => {
      const object =
        value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as object) } : {};
      const record = object as Record<string, unknown>;
      const key = keys.length ? keys[index % keys.length]! : 'x';
      switch (operation) {
        case 'drop-required': {
          const required = schema.required ?? [];
          if (required.length) delete record[required[index % required.length]!];
          return record;
        }
        case 'wrong-type':
          record[key] = replacement;
          return record;
        case 'extra-field':
          record[`unexpected_${index % 3}`] = replacement;
          return record;
        case 'wrap-in-array':
          return [value];
        case 'replace-whole':
          return replacement;
        case 'null-field':
          record[key] = null;
          return record;
      }
    });
}

export type BodyPlan =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown; contentType: string }
  | { kind: 'raw'; text: string; contentType: string | undefined };

const contentTypes = fc.oneof(
  { weight: 12, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'application/json; charset=latin1',
      'application/vnd.api+json',
    ),
  },
);

/** Stands for a JSON body just over the 1 MB limit (expanded when sent, so failures print short). */
export const HUGE_BODY = '<1 MB of JSON>';
export const expandBody = (text: string) =>
  text === HUGE_BODY ? `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}` : text;

const rawBodies = fc.constantFrom(
  '{"content": ',
  '',
  'null',
  '[]',
  '"just a string"',
  '{"__proto__": {"polluted": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  '{"a":1,"a":2}',
  '\u0000',
  HUGE_BODY,
  '{'.repeat(5000),
);

export function bodyArbitrary(schema: JsonSchema | undefined, context: ValueContext): fc.Arbitrary<BodyPlan> {
  const valid = schema ? valueArbitrary(schema, '', context) : fc.constant(undefined);
  const broken = schema ? valid.chain((value) => mutate(value, schema)) : fc.jsonValue({ maxDepth: 2 });
  const json = (arbitrary: fc.Arbitrary<unknown>) =>
    fc
      .tuple(arbitrary, contentTypes)
      .map(([value, contentType]): BodyPlan =>
        value === undefined ? { kind: 'none' } : { kind: 'json', value, contentType },
      );
  return fc.oneof(
    { weight: schema ? 8 : 2, arbitrary: json(valid) },
    { weight: schema ? 4 : 2, arbitrary: json(broken) },
    { weight: 1, arbitrary: json(fc.jsonValue({ maxDepth: 2 })) },
    { weight: 1, arbitrary: fc.constant<BodyPlan>({ kind: 'none' }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(rawBodies, fc.option(contentTypes, { nil: undefined }))
        .map(([text, contentType]): BodyPlan => ({ kind: 'raw', text, contentType })),
    },
  );
}

export function queryArbitrary(parameters: OpenApiParameter[], context: ValueContext): fc.Arbitrary<string> {
  const entries = parameters.map((parameter) => {
    const value = valueArbitrary(parameter.schema, parameter.name, context).map((v) =>
      typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
    );
    return fc.option(
      value.map((v) => [[parameter.name, v]] as [string, string][]),
      { nil: [] as [string, string][], freq: 2 },
    );
  });
  const junk = fc.constantFrom<[string, string][]>(
    [],
    [],
    [],
    [['limit', 'abc']],
    [['limit', '-5']],
    [['cursor', 'eyJub3QiOiJhIGN1cnNvciJ9']],
    [
      ['status', 'active'],
      ['status', 'paused'],
    ],
    [['q', '%']],
    [['unknown', '1']],
    [['a[b]', 'c']],
  );
  const rawTail = fc.constantFrom('', '', '', '&%zz=1', '&q=%E0%A4%A', '&&&', '&=', '&q');
  return fc.tuple(fc.tuple(...entries, junk), rawTail).map(([lists, tail]) => {
    const search = new URLSearchParams(lists.flat()).toString();
    const query = `${search}${tail}`.replace(/^&/, '');
    return query ? `?${query}` : '';
  });
}
