import { describe, expect, it } from 'vitest';
import { builtinTemplateId, uuidV5 } from './builtin-template-id.ts';

describe('builtinTemplateId', () => {
  it('implements UUID v5 (RFC 9562 test vector)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('is stable, versioned and distinct per slug', () => {
    const id = builtinTemplateId('reset-outlook-credentials');
    expect(builtinTemplateId('reset-outlook-credentials')).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(builtinTemplateId('clear-print-queue')).not.toBe(id);
  });
});
