import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { IconPlus } from '../../../components/ui/icons';
import { cn } from '../../../lib/cn';
import { useCreateBuilderSession } from '../api/create-session';
import { languageLabels, scriptLanguages } from '../lib/script-languages';
import type { ScriptLanguage } from '../types';

interface NewScriptControlsProps {
  /** Called with the server's refusal (409 at the cap, network…); the page shows it. */
  onError: (error: unknown) => void;
}

/** Language choice (PowerShell by default) and New script, which opens the new session. */
export function NewScriptControls({ onError }: NewScriptControlsProps) {
  const [language, setLanguage] = useState<ScriptLanguage>('powershell');
  const create = useCreateBuilderSession();
  const navigate = useNavigate();
  const groupId = useId();

  const start = () => {
    onError(null);
    create.mutate(
      { language, origin: 'standalone' },
      {
        onSuccess: (session) => void navigate(`/script-builder/${session.id}`),
        onError,
      },
    );
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      <span id={groupId} className="sr-only">
        Language
      </span>
      <div
        role="radiogroup"
        aria-labelledby={groupId}
        className="inline-flex h-9 items-center rounded-md bg-zinc-900 p-0.5 ring-1 ring-inset ring-zinc-700"
      >
        {scriptLanguages.map((option) => (
          <label
            key={option}
            className={cn(
              'relative inline-flex h-8 cursor-pointer items-center rounded px-3 text-[13px] font-medium transition-colors',
              'has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-sky-400',
              language === option ? 'bg-zinc-700 text-zinc-50' : 'text-zinc-400 hover:text-zinc-100',
            )}
          >
            <input
              type="radio"
              name={groupId}
              value={option}
              checked={language === option}
              onChange={() => setLanguage(option)}
              className="sr-only"
            />
            {languageLabels[option]}
          </label>
        ))}
      </div>
      <Button variant="primary" onClick={start} isLoading={create.isPending}>
        {!create.isPending && <IconPlus className="size-4" />}
        New script
      </Button>
    </div>
  );
}
