import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { CodeBlock } from '../../../components/ui/code-block';
import type { PlaybookDetail } from '../types';

const percent = (rate: number | null) =>
  rate === null ? 'not used yet' : `${Math.round(rate * 100)}% success`;

/** A playbook as the guided flow the engine follows: symptoms → questions → checks → cause → fix. */
export function PlaybookFlow({ playbook }: { playbook: PlaybookDetail }) {
  return (
    <article aria-label={`Playbook ${playbook.title}`} className="space-y-5 text-[13px] text-zinc-300">
      <header className="space-y-1">
        <h3 className="text-base font-semibold text-zinc-50">{playbook.title}</h3>
        <p className="flex flex-wrap items-center gap-2 text-zinc-400">
          <Badge>{playbook.category}</Badge>
          <Badge tone={playbook.is_builtin ? 'neutral' : 'accent'}>
            {playbook.is_builtin ? 'Built-in' : 'Your team'}
          </Badge>
          {playbook.status === 'proposed' && <Badge tone="warning">Proposed</Badge>}
          <span>
            {percent(playbook.success_rate)} · used {playbook.usage_count}×
          </span>
        </p>
      </header>
      <Step number={1} title="Symptoms">
        <ul className="list-disc space-y-0.5 pl-5">
          {playbook.symptoms.map((symptom) => (
            <li key={symptom}>{symptom}</li>
          ))}
        </ul>
      </Step>
      <Step number={2} title="Questions">
        {playbook.questions.length === 0 ? (
          <p className="text-zinc-500">None: the symptoms alone lead to the fix.</p>
        ) : (
          <ol className="space-y-2">
            {playbook.questions.map((question) => (
              <li key={question.id}>
                <p className="font-medium text-zinc-100">{question.text}</p>
                <ul className="mt-1 space-y-0.5 pl-4">
                  {question.answers.map((answer) => (
                    <li key={answer.match.join('|')}>
                      “{answer.match.join('” / “')}” →{' '}
                      {answer.implies.effect === 'supports' ? 'points to this cause' : 'rules it out'}
                      {answer.fact ? ` (records: ${answer.fact})` : ''}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </Step>
      <Step number={3} title="Checks">
        {playbook.checks.length === 0 ? (
          <p className="text-zinc-500">No checks.</p>
        ) : (
          <ul className="space-y-2">
            {playbook.checks.map((check) => (
              <li key={check.id}>
                <p className="font-medium text-zinc-100">{check.title}</p>
                <CodeBlock
                  code={check.command}
                  language={check.language === 'cmd' ? 'bat' : check.language}
                />
              </li>
            ))}
          </ul>
        )}
      </Step>
      <Step number={4} title="Root cause">
        <p>{playbook.root_cause}</p>
      </Step>
      <Step number={5} title="Fix">
        <p className="font-medium text-zinc-100">{playbook.fix.title}</p>
        <p className="whitespace-pre-wrap">{playbook.fix.description}</p>
        {playbook.template_name && <p className="mt-1 text-zinc-400">Template: {playbook.template_name}</p>}
      </Step>
      {playbook.resolved_sessions.length > 0 && (
        <Step number={6} title="Sessions it resolved">
          <ul className="space-y-0.5">
            {playbook.resolved_sessions.map((session) => (
              <li key={session.session_id}>
                <Link
                  to={`/pilot/${session.session_id}`}
                  className="text-sky-300 underline-offset-2 hover:underline"
                >
                  {session.title}
                </Link>
              </li>
            ))}
          </ul>
        </Step>
      )}
    </article>
  );
}

function Step({ number, title, children }: { number: number; title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="border-l-2 border-zinc-700 pl-3">
      <h4 className="mb-1 text-[12px] font-semibold tracking-wide text-zinc-400 uppercase">
        {number}. {title}
      </h4>
      {children}
    </section>
  );
}
