import type { ParameterValues, ScriptTemplate, TemplateParameter } from '../types';

/** The form's starting values: each parameter's default, booleans as flags, the rest as text. */
export function initialParameterValues(schema: readonly TemplateParameter[]): ParameterValues {
  const values: ParameterValues = {};
  for (const param of schema) {
    if (param.type === 'boolean') {
      values[param.name] = param.default === true || param.default === 'true';
    } else {
      values[param.name] = param.default === null || param.default === undefined ? '' : String(param.default);
    }
  }
  return values;
}

/** Required parameters still empty with no default to fall back on. */
export function missingRequired(
  schema: readonly TemplateParameter[],
  values: ParameterValues,
): TemplateParameter[] {
  return schema.filter(
    (param) => param.required && param.type !== 'boolean' && String(values[param.name] ?? '').trim() === '',
  );
}

/** "82% success" over the recorded outcomes, or null before any. */
export function describeSuccessRate(template: Pick<ScriptTemplate, 'success_rate'>): string | null {
  return template.success_rate === null ? null : `${Math.round(template.success_rate * 100)}% success`;
}

export const languageLabels: Record<ScriptTemplate['language'], string> = {
  powershell: 'PowerShell',
  bash: 'Bash',
  python: 'Python',
};
