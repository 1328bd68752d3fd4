import { describe, it, expect, vi } from 'vitest';
import fc from 'fast-check';
import {
  createMarkerParser,
  parseMarkers,
  summarizeMarkers,
  markerProtocolDoc,
  markerNames,
  questionIdFor,
  actionIdFor,
  MAX_MARKER_PAYLOAD,
  type InvalidMarker,
  type Marker,
} from './markers';

/** Feeds the chunks one by one and concatenates what comes out, the way the SSE route does. */
function parseChunks(chunks: string[]): { prose: string; markers: Marker[]; invalid: InvalidMarker[] } {
  const invalid: InvalidMarker[] = [];
  const parser = createMarkerParser({ onInvalid: (info) => invalid.push(info) });
  let prose = '';
  const markers: Marker[] = [];
  for (const chunk of chunks) {
    const out = parser.push(chunk);
    prose += out.prose;
    markers.push(...out.markers);
  }
  const out = parser.end();
  prose += out.prose;
  markers.push(...out.markers);
  return { prose, markers, invalid };
}

const splitAt = (text: string, cuts: number[]): string[] => {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let last = 0;
  for (const p of points) {
    chunks.push(text.slice(last, p));
    last = p;
  }
  chunks.push(text.slice(last));
  return chunks;
};

const fix = (title: string, pct = 80) =>
  `[SUGGEST_FIX]${JSON.stringify({ title, description: `do ${title}`, confidence_pct: pct })}[/SUGGEST_FIX]`;

const sample =
  'Let me check arr[0] and [INFO] plus [a link](http://x).\n' +
  '[QUESTIONS]["Is the spooler running?", {"text": "Which printer?"}][/QUESTIONS]\n' +
  'Then [ACTIONS][{"title": "Check service", "command": "Get-Service Spooler", "language": "powershell"}][/ACTIONS]' +
  '[PROMOTE]{"text": "Printer is offline"}[/PROMOTE]' +
  fix('Restart spooler') +
  '[FIX_OUTCOME]{"outcome": "applied_partial", "reason": "one job stuck"}[/FIX_OUTCOME]' +
  ' confidence: [CONFIDENCE]0.65[/CONFIDENCE] done [SUGG';

describe('parseMarkers — payloads', () => {
  it('splits prose from every marker kind', () => {
    const { prose, markers, invalid } = parseMarkers(sample);
    expect(invalid).toEqual([]);
    expect(prose).toBe(
      'Let me check arr[0] and [INFO] plus [a link](http://x).\n\nThen  confidence:  done [SUGG',
    );
    expect(markers.map((m) => m.type)).toEqual([
      'questions',
      'actions',
      'promote',
      'suggest_fix',
      'fix_outcome',
      'confidence',
    ]);
    expect(markers[0]).toEqual({
      type: 'questions',
      items: [
        { id: questionIdFor('Is the spooler running?'), text: 'Is the spooler running?' },
        { id: questionIdFor('Which printer?'), text: 'Which printer?' },
      ],
    });
    expect(markers[1]).toEqual({
      type: 'actions',
      items: [
        {
          id: actionIdFor('Check service'),
          title: 'Check service',
          command: 'Get-Service Spooler',
          language: 'powershell',
        },
      ],
    });
    expect(markers[2]).toEqual({ type: 'promote', facts: [{ text: 'Printer is offline' }] });
    expect(markers[3]).toEqual({
      type: 'suggest_fix',
      fix: { title: 'Restart spooler', description: 'do Restart spooler', confidence_pct: 80 },
    });
    expect(markers[4]).toEqual({
      type: 'fix_outcome',
      outcome: { outcome: 'applied_partial', reason: 'one job stuck' },
    });
    expect(markers[5]).toEqual({ type: 'confidence', value: 0.65 });
  });

  it('derives the same id for the same question however it is spelled', () => {
    const a = questionIdFor('Is the VPN connected?');
    expect(questionIdFor('  is the   VPN connected ')).toBe(a);
    expect(questionIdFor('IS THE VPN CONNECTED?!')).toBe(a);
    expect(questionIdFor('Is the VPN disconnected?')).not.toBe(a);
    expect(a).toMatch(/^q-[0-9a-z]{11}$/);
    expect(actionIdFor('Is the VPN connected?')).toMatch(/^a-/);
    const once = parseMarkers('[QUESTIONS]["Is the VPN connected?"][/QUESTIONS]').markers;
    const twice = parseMarkers('[QUESTIONS][{"text": "is the vpn connected"}][/QUESTIONS]').markers;
    expect(once).toEqual([{ type: 'questions', items: [{ id: a, text: 'Is the VPN connected?' }] }]);
    expect(twice[0]).toMatchObject({ items: [{ id: a }] });
  });

  it('keeps explicit ids, states and answers', () => {
    const { markers } = parseMarkers(
      '[QUESTIONS][{"id": "q-7", "text": "Which printer?", "state": "answered", "answer": "HP"}][/QUESTIONS]' +
        '[ACTIONS][{"id": "a-1", "title": "Ping", "state": "done", "result": "ok", "language": "cmd"}, "Check DNS"][/ACTIONS]',
    );
    expect(markers).toEqual([
      { type: 'questions', items: [{ id: 'q-7', text: 'Which printer?', state: 'answered', answer: 'HP' }] },
      {
        type: 'actions',
        items: [
          { id: 'a-1', title: 'Ping', state: 'done', result: 'ok', language: 'cmd' },
          { id: actionIdFor('Check DNS'), title: 'Check DNS' },
        ],
      },
    ]);
  });

  it('treats null optional fields as absent and accepts a single item where a list is expected', () => {
    const { markers, invalid } = parseMarkers(
      '[QUESTIONS]{"text": "Is it on?", "id": null, "state": null}[/QUESTIONS]' +
        '[PROMOTE][{"text": "a"}, "b"][/PROMOTE]' +
        '[SUGGEST_FIX]{"title": "T", "description": "", "confidence_pct": 50, "script": null, "script_template_id": null}[/SUGGEST_FIX]',
    );
    expect(invalid).toEqual([]);
    expect(markers).toEqual([
      { type: 'questions', items: [{ id: questionIdFor('Is it on?'), text: 'Is it on?' }] },
      { type: 'promote', facts: [{ text: 'a' }, { text: 'b' }] },
      { type: 'suggest_fix', fix: { title: 'T', description: '', confidence_pct: 50 } },
    ]);
  });

  it('clamps and rounds confidence_pct', () => {
    const pct = (n: number) =>
      (parseMarkers(fix('x', n)).markers[0] as Extract<Marker, { type: 'suggest_fix' }>).fix.confidence_pct;
    expect(pct(150)).toBe(100);
    expect(pct(-5)).toBe(0);
    expect(pct(72.6)).toBe(73);
  });

  it('accepts the full SUGGEST_FIX shape', () => {
    const payload = {
      title: 'Reset profile',
      description: 'Recreate the Outlook profile',
      confidence_pct: 90,
      script_template_id: '00000000-0000-0000-0000-000000000001',
      script_language: 'powershell',
      script: 'Write-Host hi',
    };
    const { markers } = parseMarkers(`[SUGGEST_FIX]${JSON.stringify(payload)}[/SUGGEST_FIX]`);
    expect(markers).toEqual([{ type: 'suggest_fix', fix: payload }]);
  });

  it.each([
    ['0.7', 0.7],
    ['.5', 0.5],
    [' 1 ', 1],
    ['1.7', 1],
    ['-0.3', 0],
    ['{"confidence": 0.4}', 0.4],
    ['{"value": 2}', 1],
  ])('CONFIDENCE %s → %s', (payload, value) => {
    expect(parseMarkers(`[CONFIDENCE]${payload}[/CONFIDENCE]`).markers).toEqual([
      { type: 'confidence', value },
    ]);
  });

  it.each([
    ['QUESTIONS', '[{"text": "unterminated"'],
    ['QUESTIONS', '[{"text": ""}]'],
    ['QUESTIONS', '[{"text": "x", "state": "pending"}]'],
    ['ACTIONS', '[{"command": "no title"}]'],
    ['ACTIONS', '[{"title": "x", "language": "ruby"}]'],
    ['PROMOTE', '{"fact": "wrong key"}'],
    ['SUGGEST_FIX', '{"title": "no description or confidence"}'],
    ['SUGGEST_FIX', JSON.stringify({ title: 'x'.repeat(201), description: '', confidence_pct: 1 })],
    ['SUGGEST_FIX', JSON.stringify({ title: 'x', description: 'y'.repeat(5001), confidence_pct: 1 })],
    ['SUGGEST_FIX', JSON.stringify({ title: 'x', description: '', confidence_pct: '80' })],
    [
      'SUGGEST_FIX',
      JSON.stringify({ title: 'x', description: '', confidence_pct: 1, script_template_id: 'nope' }),
    ],
    [
      'SUGGEST_FIX',
      JSON.stringify({ title: 'x', description: '', confidence_pct: 1, script_language: 'cmd' }),
    ],
    [
      'SUGGEST_FIX',
      JSON.stringify({ title: 'x', description: '', confidence_pct: 1, script: 's'.repeat(50_001) }),
    ],
    ['SUGGEST_FIX', "{title: 'single quotes'}"],
    ['FIX_OUTCOME', '{"outcome": "dismissed"}'],
    ['FIX_OUTCOME', '{"outcome": "worked"}'],
    ['CONFIDENCE', 'high'],
    ['CONFIDENCE', '"0.5x"'],
    ['CONFIDENCE', '[0.5]'],
  ])('drops an invalid %s block, reports it, keeps the prose around it', (name, payload) => {
    const onInvalid = vi.fn();
    const parser = createMarkerParser({ onInvalid });
    const a = parser.push(`before [${name}]${payload}[/${name}] after`);
    const b = parser.end();
    expect(a.prose + b.prose).toBe('before  after');
    expect([...a.markers, ...b.markers]).toEqual([]);
    expect(onInvalid).toHaveBeenCalledTimes(1);
    expect(onInvalid).toHaveBeenCalledWith({ name, raw: payload, reason: expect.any(String) });
  });
});

describe('parseMarkers — text that only looks like a marker', () => {
  it.each([
    'arr[0] = 1',
    '[INFO] service started',
    'see [the docs](https://example.com/[QUESTIONS)',
    '[questions] lowercase is prose',
    '[QUESTIONS is not closed with a bracket',
    '[ QUESTIONS ] has spaces',
    '[QUESTION] singular',
    '[SUGGEST_FIXES] plural',
    '[/ not a tag',
    '[[[[',
    'ends with [',
    'ends with [CONFID',
    'ends with [/FIX_OUT',
    '[CONFIDENCE) wrong bracket',
  ])('%j is prose', (text) => {
    expect(parseMarkers(text)).toEqual({ prose: text, markers: [], invalid: [] });
  });
});

describe('createMarkerParser — streaming', () => {
  it('emits prose as soon as it cannot be the start of a tag', () => {
    const parser = createMarkerParser();
    expect(parser.push('Hello wor').prose).toBe('Hello wor');
    expect(parser.push('ld [').prose).toBe('ld ');
    expect(parser.push('SUGG').prose).toBe('');
    expect(parser.push('EST').prose).toBe('');
    expect(parser.push('ION').prose).toBe('[SUGGESTION');
    expect(parser.push(' arr[').prose).toBe(' arr');
    expect(parser.push('0]').prose).toBe('[0]');
    expect(parser.end().prose).toBe('');
  });

  it('holds a partial opening tag, then swallows the whole block', () => {
    const parser = createMarkerParser();
    expect(parser.push('Try this: [SUGGEST_').prose).toBe('Try this: ');
    expect(parser.push('FIX]{"title": "A", "descr')).toEqual({ prose: '', markers: [] });
    expect(parser.push('iption": "B", "confidence_pct": 40}[/SUGGEST')).toEqual({ prose: '', markers: [] });
    const closed = parser.push('_FIX] ok');
    expect(closed.prose).toBe(' ok');
    expect(closed.markers).toEqual([
      { type: 'suggest_fix', fix: { title: 'A', description: 'B', confidence_pct: 40 } },
    ]);
  });

  it('flushes a held prefix as prose at end()', () => {
    const parser = createMarkerParser();
    expect(parser.push('tail [FIX_').prose).toBe('tail ');
    expect(parser.end()).toEqual({ prose: '[FIX_', markers: [] });
  });

  it('gives identical results one character at a time', () => {
    expect(parseChunks([...sample])).toEqual(parseMarkers(sample));
    const astral = 'emoji 😀 [CONFIDENCE]0.9[/CONFIDENCE] עברית';
    expect(parseChunks(astral.split(''))).toEqual(parseMarkers(astral));
  });

  it('gives identical results for every two- and three-way split of a sample', () => {
    const expected = parseMarkers(sample);
    for (let i = 0; i <= sample.length; i++) {
      expect(parseChunks([sample.slice(0, i), sample.slice(i)])).toEqual(expected);
    }
    const short = 'a[CONFIDENCE]0.2[/CONFIDENCE]b[/PROMOTE][x]';
    const expectedShort = parseMarkers(short);
    for (let i = 0; i <= short.length; i++) {
      for (let j = i; j <= short.length; j++) {
        expect(parseChunks([short.slice(0, i), short.slice(i, j), short.slice(j)])).toEqual(expectedShort);
      }
    }
  });

  it('never lets a marker reach the prose, whatever the chunking', () => {
    for (let size = 1; size <= 20; size++) {
      const chunks = sample.match(new RegExp(`[\\s\\S]{1,${size}}`, 'g'))!;
      const { prose } = parseChunks(chunks);
      for (const name of markerNames) {
        expect(prose).not.toContain(`[${name}]`);
        expect(prose).not.toContain(`[/${name}]`);
      }
    }
  });

  it('strips a stray closing tag and reports it', () => {
    const { prose, markers, invalid } = parseMarkers('Done.[/SUGGEST_FIX] Next.');
    expect(prose).toBe('Done. Next.');
    expect(markers).toEqual([]);
    expect(invalid).toEqual([
      { name: 'SUGGEST_FIX', raw: '[/SUGGEST_FIX]', reason: 'closing tag without an opening tag' },
    ]);
  });

  it('a doubled closing tag after a valid block does not disturb it', () => {
    const { prose, markers, invalid } = parseMarkers(`a ${fix('One')}[/SUGGEST_FIX] b`);
    expect(prose).toBe('a  b');
    expect(markers).toHaveLength(1);
    expect(invalid).toHaveLength(1);
  });

  it('an opening tag inside an open block abandons the outer block and parses the inner one', () => {
    const { prose, markers, invalid } = parseMarkers(`x [SUGGEST_FIX]{"title": "outer", ${fix('Inner')} y`);
    expect(prose).toBe('x  y');
    expect(markers).toEqual([
      { type: 'suggest_fix', fix: { title: 'Inner', description: 'do Inner', confidence_pct: 80 } },
    ]);
    expect(invalid).toEqual([
      { name: 'SUGGEST_FIX', raw: '{"title": "outer", ', reason: expect.stringMatching(/unterminated/) },
    ]);
  });

  it('a mismatched closing tag ends the open block as invalid', () => {
    const { prose, markers, invalid } = parseMarkers(
      'x [QUESTIONS]["a"][/ACTIONS] y [CONFIDENCE]0.5[/CONFIDENCE]',
    );
    expect(prose).toBe('x  y ');
    expect(markers).toEqual([{ type: 'confidence', value: 0.5 }]);
    expect(invalid).toEqual([
      { name: 'QUESTIONS', raw: '["a"]', reason: 'mismatched closing tag [/ACTIONS]' },
    ]);
  });

  it('keeps brackets that are not tags inside a payload', () => {
    const { markers } = parseMarkers(
      '[ACTIONS][{"title": "Read arr[0] and [INFO]", "command": "echo [x]"}][/ACTIONS]',
    );
    expect(markers).toEqual([
      {
        type: 'actions',
        items: [
          { id: actionIdFor('Read arr[0] and [INFO]'), title: 'Read arr[0] and [INFO]', command: 'echo [x]' },
        ],
      },
    ]);
  });

  it('drops an unterminated block at end() and reports it; the prose before it stays', () => {
    const onInvalid = vi.fn();
    const parser = createMarkerParser({ onInvalid });
    expect(parser.push('Here is a fix: [SUGGEST_FIX]{"title": "T"').prose).toBe('Here is a fix: ');
    expect(parser.end()).toEqual({ prose: '', markers: [] });
    expect(onInvalid).toHaveBeenCalledWith({
      name: 'SUGGEST_FIX',
      raw: '{"title": "T"',
      reason: expect.stringMatching(/unterminated/),
    });
  });

  it('includes a held partial closing tag in the raw payload of an unterminated block', () => {
    const { invalid } = parseMarkers('[CONFIDENCE]0.5[/CONFID');
    expect(invalid).toEqual([{ name: 'CONFIDENCE', raw: '0.5[/CONFID', reason: expect.any(String) }]);
  });

  it('can be reused after end()', () => {
    const parser = createMarkerParser();
    parser.push('[QUESTIONS]["a"');
    parser.end();
    expect(parser.push('[CONFIDENCE]0.3[/CONFIDENCE]ok')).toEqual({
      prose: 'ok',
      markers: [{ type: 'confidence', value: 0.3 }],
    });
  });

  it('refuses an oversized block without buffering it and without leaking it into prose', () => {
    const onInvalid = vi.fn();
    const parser = createMarkerParser({ onInvalid });
    let prose = parser.push('a [SUGGEST_FIX]').prose;
    const piece = 'x'.repeat(50_000);
    for (let i = 0; i < MAX_MARKER_PAYLOAD / piece.length + 2; i++) prose += parser.push(piece).prose;
    const closed = parser.push('[/SUGGEST_FIX] b');
    prose += closed.prose + parser.end().prose;
    expect(prose).toBe('a  b');
    expect(closed.markers).toEqual([]);
    expect(onInvalid).toHaveBeenCalledWith({
      name: 'SUGGEST_FIX',
      raw: '',
      reason: expect.stringMatching(/larger/),
    });
  });
});

describe('property: chunking never changes the result', () => {
  const safeProse = fc.string({
    unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', '😀', ']', '{', '"', '/', 'Q'),
  });
  const bracketNoise = fc.constantFrom(
    'arr[0]',
    '[INFO]',
    '[x](https://y)',
    '[SUGG ',
    '[/FIX ',
    '[questions]',
    '[',
    '[[',
    '[/',
    '[CONFIDENCE',
  );
  const validMarker = fc.oneof(
    fc
      .array(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0),
        { maxLength: 4 },
      )
      .map((qs) => `[QUESTIONS]${JSON.stringify(qs)}[/QUESTIONS]`),
    fc
      .record({
        title: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
        command: fc.string(),
      })
      .map((a) => `[ACTIONS]${JSON.stringify([a])}[/ACTIONS]`),
    fc
      .string({ minLength: 1, maxLength: 50 })
      .filter((s) => s.trim().length > 0)
      .map((text) => `[PROMOTE]${JSON.stringify({ text })}[/PROMOTE]`),
    fc
      .record({
        title: fc.string({ minLength: 1, maxLength: 50 }).filter((s) => s.trim().length > 0),
        description: fc.string({ maxLength: 100 }),
        confidence_pct: fc.double({ min: -50, max: 150, noNaN: true }),
      })
      .map((f) => `[SUGGEST_FIX]${JSON.stringify(f)}[/SUGGEST_FIX]`),
    fc
      .constantFrom('applied_success', 'applied_failed', 'applied_partial')
      .map((outcome) => `[FIX_OUTCOME]${JSON.stringify({ outcome })}[/FIX_OUTCOME]`),
    fc.double({ min: -1, max: 2, noNaN: true }).map((n) => `[CONFIDENCE]${n}[/CONFIDENCE]`),
  );
  const invalidMarker = fc.constantFrom(
    '[SUGGEST_FIX]{"title": oops}[/SUGGEST_FIX]',
    '[QUESTIONS]not json[/QUESTIONS]',
    '[/ACTIONS]',
    '[PROMOTE]{"text": "never closed"',
    '[CONFIDENCE]maybe[/CONFIDENCE]',
  );

  it('any split of a mixed text equals one-shot parsing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(safeProse, bracketNoise, validMarker, invalidMarker), { maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (segments, cuts) => {
          const text = segments.join('');
          expect(parseChunks(splitAt(text, cuts))).toEqual(parseMarkers(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('prose and valid markers are recovered exactly, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              safeProse,
              bracketNoise.filter((n) => !n.endsWith('[')),
            ),
            validMarker,
          ),
          {
            maxLength: 8,
          },
        ),
        safeProse,
        fc.array(fc.nat(), { maxLength: 30 }),
        (pairs, tail, cuts) => {
          const text = pairs.map(([prose, marker]) => prose + marker).join('') + tail;
          const result = parseChunks(splitAt(text, cuts));
          expect(result.prose).toBe(pairs.map(([prose]) => prose).join('') + tail);
          expect(result.markers).toHaveLength(pairs.length);
          expect(result.invalid).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('summarizeMarkers', () => {
  it('folds one turn: lane items merge by id, the last fix/outcome/confidence wins', () => {
    const { markers } = parseMarkers(
      '[QUESTIONS]["Is it on?", "Which model?"][/QUESTIONS]' +
        fix('First', 60) +
        '[CONFIDENCE]0.3[/CONFIDENCE]' +
        '[QUESTIONS][{"text": "is it on", "state": "answered", "answer": "yes"}][/QUESTIONS]' +
        '[ACTIONS]["Ping gateway"][/ACTIONS][ACTIONS][{"title": "Ping gateway", "state": "done"}][/ACTIONS]' +
        '[PROMOTE]["Printer is offline", "printer is offline."][/PROMOTE]' +
        '[FIX_OUTCOME]{"outcome": "applied_failed"}[/FIX_OUTCOME]' +
        '[FIX_OUTCOME]{"outcome": "applied_success", "reason": "printed"}[/FIX_OUTCOME]' +
        fix('Second', 85) +
        '[CONFIDENCE]1.7[/CONFIDENCE]',
    );
    expect(summarizeMarkers(markers)).toEqual({
      questions: [
        { id: questionIdFor('Is it on?'), text: 'is it on', state: 'answered', answer: 'yes' },
        { id: questionIdFor('Which model?'), text: 'Which model?' },
      ],
      actions: [{ id: actionIdFor('Ping gateway'), title: 'Ping gateway', state: 'done' }],
      facts: [{ text: 'Printer is offline' }],
      suggestedFix: { title: 'Second', description: 'do Second', confidence_pct: 85 },
      fixOutcome: { outcome: 'applied_success', reason: 'printed' },
      confidence: 1,
    });
  });

  it('is empty for a turn without markers', () => {
    expect(summarizeMarkers([])).toEqual({
      questions: [],
      actions: [],
      facts: [],
      suggestedFix: null,
      fixOutcome: null,
      confidence: null,
    });
  });
});

describe('markerProtocolDoc', () => {
  it('names every marker and its examples parse cleanly', () => {
    for (const name of markerNames) expect(markerProtocolDoc).toContain(`[${name}]`);
    const examples = markerProtocolDoc.split('\n').filter((line) => /^\s+\[[A-Z_]+\]/.test(line));
    expect(examples).toHaveLength(markerNames.length);
    for (const example of examples) {
      const { markers, invalid } = parseMarkers(example);
      expect(invalid).toEqual([]);
      expect(markers).toHaveLength(1);
    }
  });
});
