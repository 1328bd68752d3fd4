import { useState, type FormEvent } from 'react';
import { Button } from '../../../components/ui/button';
import { TextAreaField, TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { useSavePlaybook } from '../api/save-playbook';
import type { PlaybookDefinitionInput, PlaybookDetail, PlaybookDraftSource } from '../types';
import { PlaybookStepsEditor } from './playbook-steps-editor';
import { draftsOf, stepProblems, stepsBody } from './playbook-steps-model';

interface Values {
  title: string;
  category: string;
  symptoms: string;
  root_cause: string;
  fix_title: string;
  fix_description: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The shared schema's limits, checked as the engineer types: the form cannot send an invalid playbook. */
function problems(values: Values): Partial<Record<keyof Values, string>> {
  const found: Partial<Record<keyof Values, string>> = {};
  const length = (key: keyof Values, min: number, max: number, what: string) => {
    const size = values[key].trim().length;
    if (size < min) found[key] = `${what} needs at least ${min} characters.`;
    else if (size > max) found[key] = `${what} can have at most ${max} characters.`;
  };
  length('title', 5, 200, 'The title');
  length('category', 2, 100, 'The category');
  length('root_cause', 10, 2000, 'The root cause');
  length('fix_title', 5, 200, 'The fix title');
  length('fix_description', 10, 5000, 'The fix description');
  const symptoms = lines(values.symptoms);
  if (symptoms.length === 0) found.symptoms = 'Give at least one symptom, one per line.';
  else if (symptoms.length > 50) found.symptoms = 'At most 50 symptoms.';
  else if (symptoms.some((symptom) => symptom.length > 200))
    found.symptoms = 'Each symptom can have at most 200 characters.';
  return found;
}

/**
 * Create or edit a playbook, its questions (with what each answer implies) and checks included;
 * an engineer's playbook is saved as proposed until an owner publishes it.
 */
export function PlaybookForm({
  playbook,
  draft,
  isOwner,
  onSaved,
  onCancel,
  submit: customSubmit,
}: {
  playbook?: PlaybookDetail | undefined;
  /** Fills a new form from a draft instead (a proposal an owner edits before accepting). */
  draft?: PlaybookDraftSource | undefined;
  isOwner: boolean;
  onSaved?: (saved: PlaybookDetail) => void;
  onCancel: () => void;
  /** Sends the edited definition somewhere else than POST/PATCH /playbooks. */
  submit?: {
    label: string;
    run: (body: Pick<PlaybookDefinitionInput, keyof PlaybookDraftSource>) => void;
    isPending: boolean;
    error: unknown;
  };
}) {
  const save = useSavePlaybook();
  const source: PlaybookDraftSource | undefined = playbook ?? draft;
  const [values, setValues] = useState<Values>({
    title: source?.title ?? '',
    category: source?.category ?? '',
    symptoms: source?.symptoms.join('\n') ?? '',
    root_cause: source?.root_cause ?? '',
    fix_title: source?.fix.title ?? '',
    fix_description: source?.fix.description ?? '',
  });
  const [steps] = useState(() => draftsOf(source));
  const [questions, setQuestions] = useState(steps.questions);
  const [checks, setChecks] = useState(steps.checks);
  const [touched, setTouched] = useState(false);
  const found = problems(values);
  const stepErrors = stepProblems(questions, checks);
  const isValid = Object.keys(found).length === 0 && Object.keys(stepErrors).length === 0;
  const field = (key: keyof Values) => ({
    value: values[key],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value }),
    error: touched ? found[key] : undefined,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!isValid) return;
    const body = {
      title: values.title.trim(),
      category: values.category.trim(),
      symptoms: lines(values.symptoms),
      root_cause: values.root_cause.trim(),
      fix: { ...source?.fix, title: values.fix_title.trim(), description: values.fix_description.trim() },
      ...stepsBody(questions, checks),
    };
    if (customSubmit) customSubmit.run(body);
    else save.mutate(playbook ? { id: playbook.id, body } : { body }, { onSuccess: onSaved });
  };

  return (
    <form
      aria-label={playbook ? 'Edit playbook' : draft ? 'Edit the proposed playbook' : 'New playbook'}
      onSubmit={submit}
      noValidate
      className="space-y-3"
    >
      <TextField label="Title" required {...field('title')} />
      <TextField label="Category" required hint="e.g. Printing, Email, Network" {...field('category')} />
      <TextAreaField
        label="Symptoms"
        required
        hint="One per line, as engineers describe them"
        {...field('symptoms')}
      />
      <PlaybookStepsEditor
        questions={questions}
        checks={checks}
        onQuestions={setQuestions}
        onChecks={setChecks}
        errors={touched ? stepErrors : {}}
      />
      <TextAreaField label="Root cause" required {...field('root_cause')} />
      <TextField label="Fix title" required {...field('fix_title')} />
      <TextAreaField label="Fix steps" required {...field('fix_description')} />
      {!isOwner && !source && (
        <p className="text-[13px] text-zinc-400">It is saved as proposed; an owner publishes it.</p>
      )}
      {(customSubmit ? customSubmit.error : save.error) != null && (
        <FormError error={customSubmit ? customSubmit.error : save.error} fields={[]} />
      )}
      <div className="flex gap-2">
        <Button
          type="submit"
          variant="primary"
          disabled={(customSubmit ? customSubmit.isPending : save.isPending) || (touched && !isValid)}
        >
          {customSubmit?.label ?? 'Save playbook'}
        </Button>
        <Button type="button" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
