import { describe, expect, it } from 'vitest';
import { builtinTemplateId } from '../builtin-template-id.ts';
import { loadPlaybookPack, validatePlaybookPack } from './playbook-pack.ts';
import { templatePlaceholders } from '@flowpilot/core/playbook';

const pack = loadPlaybookPack();

describe('playbook pack', () => {
  it('ships at least 25 valid playbooks covering the problems the spec names', () => {
    expect(pack.length).toBeGreaterThanOrEqual(25);
    const slugs = pack.map((playbook) => playbook.slug);
    for (const expected of [
      'outlook-password-prompts',
      'print-spooler-stuck',
      'dns-resolution-failure',
      'vpn-wont-connect',
      'disk-full-windows',
      'ad-account-lockout',
      'mfa-prompts-failing',
      'onedrive-sync-stuck',
      'teams-cache-issues',
      'mapped-drives-missing',
      'windows-update-failing',
      'certificate-expired',
      'time-sync-drift',
      'wifi-drops',
      'bitlocker-recovery',
      'slow-logon',
    ]) {
      expect(slugs).toContain(expected);
    }
  });

  it('has unique playbook slugs, template slugs, template ids and task-lane ids', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(pack.map((playbook) => playbook.slug))).toBe(true);
    expect(unique(pack.map((playbook) => playbook.template.slug))).toBe(true);
    expect(unique(pack.map((playbook) => builtinTemplateId(playbook.template.slug)))).toBe(true);
    const laneIds = pack.flatMap((playbook) => [
      ...playbook.questions.map((question) => `${playbook.slug}.${question.id}`),
      ...playbook.checks.map((check) => `${playbook.slug}.${check.id}`),
    ]);
    expect(unique(laneIds)).toBe(true);
    for (const id of laneIds) expect(id.length).toBeLessThanOrEqual(100);
  });

  it.each(pack.map((playbook) => [playbook.slug, playbook] as const))(
    '%s: every placeholder is a declared parameter and vice versa',
    (_slug, playbook) => {
      const placeholders = templatePlaceholders(playbook.template.body);
      const declared = playbook.template.parameters_schema.map((parameter) => parameter.name);
      expect(placeholders.sort()).toEqual([...declared].sort());
      for (const parameter of playbook.template.parameters_schema) {
        if (/password|secret|token|api_?key/i.test(parameter.name))
          expect(parameter.type === 'secret' || parameter.sensitive).toBe(true);
        if (parameter.pattern) expect(() => new RegExp(parameter.pattern as string)).not.toThrow();
      }
    },
  );

  it.each(pack.map((playbook) => [playbook.slug, playbook] as const))(
    '%s: questions can be answered both ways',
    (_slug, playbook) => {
      for (const question of playbook.questions) {
        expect(question.answers.length).toBeGreaterThanOrEqual(2);
        expect(question.text.trim().endsWith('?')).toBe(true);
      }
    },
  );

  it('rejects a broken playbook with a readable list of problems', () => {
    const [first] = pack;
    const broken = {
      ...first,
      template: {
        ...first?.template,
        body: `${first?.template.body}\nWrite-Host {{undeclared}}\nWrite-Host "{{close_outlook}}"`,
      },
    };
    expect(() => validatePlaybookPack([broken, first])).toThrow(
      /undeclared.*has no declared parameter[\s\S]*must be bare[\s\S]*duplicate playbook slug/,
    );
    expect(() => validatePlaybookPack([{ slug: 'Not Kebab' }])).toThrow(/Invalid playbook pack/);
  });
});
