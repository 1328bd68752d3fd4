import { useEffect, useRef } from 'react';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { describeError } from '../../../lib/api-client';

export type PickupChoice = 'continue' | 'fresh_assessment' | 'take_over';

interface PickupChoicesProps {
  title: string;
  onChoose: (choice: PickupChoice) => void;
  pending: PickupChoice | null;
  error: unknown;
}

const choices: { choice: PickupChoice; label: string; description: string }[] = [
  {
    choice: 'continue',
    label: 'Continue where they left off',
    description: 'The assistant picks the conversation up at the next step.',
  },
  {
    choice: 'fresh_assessment',
    label: 'Get a fresh assessment',
    description: 'The assistant sums up what is known, what was tried and what is likely next.',
  },
  {
    choice: 'take_over',
    label: 'Take it from there',
    description: 'Open the session and work it yourself; the assistant waits for your message.',
  },
];

/** After a claim: how the new engineer starts. The heading takes focus so the choice is announced. */
export function PickupChoices({ title, onChoose, pending, error }: PickupChoicesProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      aria-labelledby="pickup-heading"
      className="mb-6 rounded-lg border border-emerald-900/70 bg-emerald-950/20 p-5"
    >
      <h2
        id="pickup-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-[15px] font-semibold text-zinc-50 focus:outline-none"
      >
        You picked up “{title}”
      </h2>
      <p className="mt-1 text-[13px] text-zinc-400">The session is yours now. How do you want to start?</p>
      <div className="mt-4 grid gap-3 sm:grid-cols-3">
        {choices.map(({ choice, label, description }) => (
          <Button
            key={choice}
            variant={choice === 'continue' ? 'primary' : 'secondary'}
            className="h-auto flex-col items-start gap-1 py-3 text-left whitespace-normal"
            isLoading={pending === choice}
            disabled={pending !== null && pending !== choice}
            aria-label={label}
            aria-describedby={`pickup-${choice}`}
            onClick={() => onChoose(choice)}
          >
            <span>{label}</span>
            <span id={`pickup-${choice}`} className="text-xs font-normal opacity-75">
              {description}
            </span>
          </Button>
        ))}
      </div>
      {error !== null && error !== undefined && (
        <Alert tone="error" className="mt-3">
          <p>{describeError(error).detail}</p>
        </Alert>
      )}
    </section>
  );
}
