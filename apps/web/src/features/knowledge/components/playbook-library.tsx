import { useId, useState } from 'react';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { TextField } from '../../../components/ui/field';
import { FormError } from '../../../components/ui/form-error';
import { cn } from '../../../lib/cn';
import { usePlaybook } from '../api/get-playbook';
import { usePlaybooks } from '../api/list-playbooks';
import { useSavePlaybook } from '../api/save-playbook';
import { PlaybookFlow } from './playbook-flow';
import { PlaybookForm } from './playbook-form';

/** Browse and search the playbooks, read one as a guided flow, create or edit the account's own. */
export function PlaybookLibrary({ canEdit, isOwner }: { canEdit: boolean; isOwner: boolean }) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const list = usePlaybooks(query.trim());
  const detail = usePlaybook(selected);
  const publish = useSavePlaybook();
  const listId = useId();
  const items = list.data?.items ?? [];

  return (
    <section aria-label="Playbook library" className="grid gap-4 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
      <div className="space-y-3">
        <div className="flex items-end gap-2">
          <TextField
            label="Search playbooks"
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            containerClassName="flex-1"
          />
          {canEdit && (
            <Button variant="primary" onClick={() => setEditing('new')}>
              New playbook
            </Button>
          )}
        </div>
        <ul id={listId} aria-label="Playbooks" className="max-h-[70vh] space-y-1 overflow-y-auto">
          {items.map((playbook) => (
            <li key={playbook.id}>
              <button
                type="button"
                aria-current={playbook.id === selected ? 'true' : undefined}
                onClick={() => {
                  setSelected(playbook.id);
                  setEditing(null);
                }}
                className={cn(
                  'w-full rounded-md px-2.5 py-2 text-left text-[13px] ring-1 ring-transparent hover:bg-zinc-900',
                  playbook.id === selected && 'bg-zinc-900 ring-zinc-700',
                )}
              >
                <span className="block font-medium text-zinc-100">{playbook.title}</span>
                <span className="flex items-center gap-2 text-zinc-500">
                  {playbook.category}
                  {!playbook.is_builtin && <Badge tone="accent">Your team</Badge>}
                  {playbook.status === 'proposed' && <Badge tone="warning">Proposed</Badge>}
                  {playbook.success_rate !== null && (
                    <span>{Math.round(playbook.success_rate * 100)}% success</span>
                  )}
                </span>
              </button>
            </li>
          ))}
          {list.data && items.length === 0 && (
            <li className="px-2 text-[13px] text-zinc-500">No playbook matches.</li>
          )}
        </ul>
      </div>
      <div className="rounded-lg bg-zinc-900/60 p-4 ring-1 ring-zinc-800">
        {editing ? (
          <PlaybookForm
            playbook={editing === 'edit' ? detail.data : undefined}
            isOwner={isOwner}
            onSaved={(saved) => {
              setSelected(saved.id);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        ) : detail.data ? (
          <div className="space-y-3">
            {canEdit && !detail.data.is_builtin && (
              <div className="flex items-center justify-end gap-2">
                {publish.error && <FormError error={publish.error} fields={[]} />}
                {isOwner && detail.data.status === 'proposed' && (
                  <Button
                    size="sm"
                    variant="primary"
                    disabled={publish.isPending}
                    onClick={() => publish.mutate({ id: detail.data.id, body: { status: 'published' } })}
                  >
                    Publish
                  </Button>
                )}
                <Button size="sm" onClick={() => setEditing('edit')}>
                  Edit playbook
                </Button>
              </div>
            )}
            <PlaybookFlow playbook={detail.data} />
          </div>
        ) : (
          <p className="text-[13px] text-zinc-500">Choose a playbook to see it as a guided flow.</p>
        )}
      </div>
    </section>
  );
}
