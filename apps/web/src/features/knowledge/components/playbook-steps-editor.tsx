import { Button } from '../../../components/ui/button';
import { SelectField, TextAreaField, TextField } from '../../../components/ui/field';
import {
  checkLanguages,
  newAnswer,
  newCheck,
  newQuestion,
  nearestStrength,
  strengths,
  type AnswerDraft,
  type CheckDraft,
  type CheckLanguage,
  type QuestionDraft,
} from './playbook-steps-model';

const languageNames: Record<CheckLanguage, string> = {
  powershell: 'PowerShell',
  bash: 'Bash',
  python: 'Python',
  cmd: 'Command Prompt',
};

interface StepsEditorProps {
  questions: QuestionDraft[];
  checks: CheckDraft[];
  onQuestions: (questions: QuestionDraft[]) => void;
  onChecks: (checks: CheckDraft[]) => void;
  /** Problems from stepProblems, shown once the engineer tried to save. */
  errors: Record<string, string>;
}

/** The questions the engine asks (each answer saying what it implies) and the checks it offers. */
export function PlaybookStepsEditor({ questions, checks, onQuestions, onChecks, errors }: StepsEditorProps) {
  const setQuestion = (index: number, question: QuestionDraft) =>
    onQuestions(questions.map((existing, i) => (i === index ? question : existing)));
  const setCheck = (index: number, check: CheckDraft) =>
    onChecks(checks.map((existing, i) => (i === index ? check : existing)));

  return (
    <>
      <fieldset className="space-y-2 rounded-md border border-zinc-800 p-3">
        <legend className="px-1 text-[13px] font-medium text-zinc-200">Questions</legend>
        {questions.length === 0 && (
          <p className="text-[13px] text-zinc-500">None: the symptoms alone lead to the fix.</p>
        )}
        {questions.map((question, index) => (
          <QuestionEditor
            key={question.key}
            number={index + 1}
            question={question}
            errors={errors}
            onChange={(next) => setQuestion(index, next)}
            onRemove={() => onQuestions(questions.filter((_, i) => i !== index))}
          />
        ))}
        {errors.questions && <p className="text-[13px] text-red-300">{errors.questions}</p>}
        <Button type="button" size="sm" onClick={() => onQuestions([...questions, newQuestion()])}>
          Add question
        </Button>
      </fieldset>

      <fieldset className="space-y-2 rounded-md border border-zinc-800 p-3">
        <legend className="px-1 text-[13px] font-medium text-zinc-200">Checks</legend>
        {checks.length === 0 && <p className="text-[13px] text-zinc-500">None yet.</p>}
        {checks.map((check, index) => (
          <fieldset
            key={check.key}
            aria-label={`Check ${index + 1}`}
            className="space-y-2 border-t border-zinc-800 pt-2 first-of-type:border-0"
          >
            <div className="flex items-end gap-2">
              <TextField
                label={`Check ${index + 1} title`}
                containerClassName="flex-1"
                value={check.title}
                onChange={(event) => setCheck(index, { ...check, title: event.target.value })}
                error={errors[`${check.key}:title`]}
              />
              <SelectField
                label={`Check ${index + 1} language`}
                value={check.language}
                onChange={(event) =>
                  setCheck(index, { ...check, language: event.target.value as CheckLanguage })
                }
              >
                {checkLanguages.map((language) => (
                  <option key={language} value={language}>
                    {languageNames[language]}
                  </option>
                ))}
              </SelectField>
            </div>
            <TextAreaField
              label={`Check ${index + 1} command`}
              className="font-mono text-xs"
              value={check.command}
              onChange={(event) => setCheck(index, { ...check, command: event.target.value })}
              error={errors[`${check.key}:command`]}
            />
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => onChecks(checks.filter((_, i) => i !== index))}
            >
              Remove check {index + 1}
            </Button>
          </fieldset>
        ))}
        {errors.checks && <p className="text-[13px] text-red-300">{errors.checks}</p>}
        <Button type="button" size="sm" onClick={() => onChecks([...checks, newCheck()])}>
          Add check
        </Button>
      </fieldset>
    </>
  );
}

function QuestionEditor({
  number,
  question,
  errors,
  onChange,
  onRemove,
}: {
  number: number;
  question: QuestionDraft;
  errors: Record<string, string>;
  onChange: (question: QuestionDraft) => void;
  onRemove: () => void;
}) {
  const setAnswer = (index: number, answer: AnswerDraft) =>
    onChange({ ...question, answers: question.answers.map((a, i) => (i === index ? answer : a)) });
  return (
    <fieldset
      aria-label={`Question ${number}`}
      className="space-y-2 border-t border-zinc-800 pt-2 first-of-type:border-0"
    >
      <TextField
        label={`Question ${number}`}
        value={question.text}
        onChange={(event) => onChange({ ...question, text: event.target.value })}
        error={errors[`${question.key}:text`]}
      />
      {question.answers.map((answer, index) => {
        const name = `Question ${number}, answer ${index + 1}`;
        return (
          <div key={answer.key} className="ml-3 space-y-2 border-l border-zinc-800 pl-3">
            <div className="flex flex-wrap items-end gap-2">
              <TextField
                label={`${name}: the engineer says`}
                hint="Comma-separated, e.g. yes, it does"
                containerClassName="min-w-[12rem] flex-1"
                value={answer.match}
                onChange={(event) => setAnswer(index, { ...answer, match: event.target.value })}
                error={errors[`${answer.key}:match`]}
              />
              <SelectField
                label={`${name}: it`}
                value={answer.effect}
                onChange={(event) =>
                  setAnswer(index, { ...answer, effect: event.target.value as AnswerDraft['effect'] })
                }
              >
                <option value="supports">supports this cause</option>
                <option value="rules_out">rules this cause out</option>
              </SelectField>
              <SelectField
                label={`${name}: how much`}
                value={String(nearestStrength(answer.weight))}
                onChange={(event) => setAnswer(index, { ...answer, weight: Number(event.target.value) })}
              >
                {strengths.map((strength) => (
                  <option key={strength.value} value={String(strength.value)}>
                    {strength.label}
                  </option>
                ))}
              </SelectField>
            </div>
            <TextField
              label={`${name}: fact it records`}
              hint="Optional; added to What we know"
              value={answer.fact}
              onChange={(event) => setAnswer(index, { ...answer, fact: event.target.value })}
              error={errors[`${answer.key}:fact`]}
            />
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() =>
                onChange({ ...question, answers: question.answers.filter((_, i) => i !== index) })
              }
            >
              Remove answer {index + 1} of question {number}
            </Button>
          </div>
        );
      })}
      {errors[`${question.key}:answers`] && (
        <p className="text-[13px] text-red-300">{errors[`${question.key}:answers`]}</p>
      )}
      <div className="flex gap-2">
        <Button
          type="button"
          size="sm"
          onClick={() => onChange({ ...question, answers: [...question.answers, newAnswer()] })}
        >
          Add answer to question {number}
        </Button>
        <Button type="button" size="sm" variant="ghost" onClick={onRemove}>
          Remove question {number}
        </Button>
      </div>
    </fieldset>
  );
}
