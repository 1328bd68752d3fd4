import { useId, useState } from 'react';
import { Link } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { ErrorState } from '../../../components/ui/error-state';
import { FormError } from '../../../components/ui/form-error';
import { Skeleton } from '../../../components/ui/skeleton';
import { useDecideProposal } from '../api/decide-proposal';
import { usePendingProposals } from '../api/list-proposals';
import type { KnowledgeProposal } from '../types';
import { PlaybookForm } from './playbook-form';

export const PROPOSAL_QUEUE_ID = 'knowledge-proposals';

const kindLabel = {
  new_playbook: 'New playbook',
  enhancement: 'Enhancement',
  reinforcement: 'Reinforcement',
};

/** The owner's queue: what resolved sessions taught, to publish as playbooks or reject. */
export function ProposalQueue() {
  const proposals = usePendingProposals({ enabled: true });
  const headingId = useId();
  const items = proposals.data?.items ?? [];
  return (
    <section
      id={PROPOSAL_QUEUE_ID}
      aria-labelledby={headingId}
      className="scroll-mt-20 rounded-lg bg-zinc-900/60 ring-1 ring-zinc-800"
    >
      <div className="border-b border-zinc-800 px-4 py-3">
        <h2 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-zinc-100">
          Knowledge proposals
          {proposals.data && (
            <Badge tone={proposals.data.pending_count > 0 ? 'warning' : 'neutral'}>
              {proposals.data.pending_count} pending
            </Badge>
          )}
        </h2>
        <p className="mt-0.5 text-[13px] text-zinc-400">
          Each resolved session whose fix worked proposes what it taught. Accept to publish it for the next
          session.
        </p>
      </div>
      <div className="p-4">
        {proposals.isPending ? (
          <Skeleton className="h-24 w-full" />
        ) : proposals.isError ? (
          <ErrorState
            title="Couldn't load the proposals"
            error={proposals.error}
            onRetry={() => void proposals.refetch()}
            isRetrying={proposals.isFetching}
          />
        ) : items.length === 0 ? (
          <p className="text-[13px] text-zinc-500">No proposals waiting for review.</p>
        ) : (
          <ul aria-label="Pending proposals" className="space-y-3">
            {items.map((proposal) => (
              <li key={proposal.id}>
                <ProposalCard proposal={proposal} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function ProposalCard({ proposal }: { proposal: KnowledgeProposal }) {
  const decide = useDecideProposal();
  const headingId = useId();
  const [editing, setEditing] = useState(false);
  const { provenance } = proposal;
  const proposed = proposal.proposed;
  return (
    <article
      aria-labelledby={headingId}
      className="space-y-2 rounded-md bg-zinc-950/60 p-3 text-[13px] ring-1 ring-zinc-800"
    >
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-medium text-zinc-100">
        <Badge tone="accent">{kindLabel[proposal.kind]}</Badge>
        {proposal.summary}
      </h3>
      <p className="text-zinc-400">
        From{' '}
        <Link to={`/pilot/${provenance.session_id}`} className="text-sky-300 hover:underline">
          {provenance.session_title}
        </Link>
        {provenance.engineer ? ` by ${provenance.engineer.name}` : ''}
        {provenance.ticket_ref ? ` · ticket ${provenance.ticket_ref}` : ''}
      </p>
      {proposal.changes.length > 0 && (
        <ul className="list-disc pl-5 text-zinc-300">
          {proposal.changes.map((change) => (
            <li key={change}>{change}</li>
          ))}
        </ul>
      )}
      {proposal.kind === 'new_playbook' && proposal.proposed && (
        <dl className="grid gap-1 text-zinc-300 sm:grid-cols-[8rem_1fr]">
          <dt className="text-zinc-500">Symptoms</dt>
          <dd>{proposal.proposed.symptoms.join(' · ')}</dd>
          <dt className="text-zinc-500">Root cause</dt>
          <dd>{proposal.proposed.root_cause}</dd>
          <dt className="text-zinc-500">Fix</dt>
          <dd>{proposal.proposed.fix.title}</dd>
        </dl>
      )}
      {editing && proposed ? (
        // The owner's edit goes with the accept: the proposal's other fields (slug, keywords,
        // template) are kept, the form's replace what it shows.
        <PlaybookForm
          draft={proposed}
          isOwner
          onCancel={() => setEditing(false)}
          submit={{
            label: 'Accept with these changes',
            isPending: decide.isPending,
            error: decide.error,
            run: (body) =>
              decide.mutate({
                id: proposal.id,
                decision: 'accept',
                body: { edited: { ...proposed, ...body } },
              }),
          }}
        />
      ) : (
        <>
          {decide.error && <FormError error={decide.error} fields={[]} />}
          <div className="flex gap-2">
            <Button
              variant="primary"
              size="sm"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: proposal.id, decision: 'accept' })}
            >
              Accept
            </Button>
            {proposed && (
              <Button size="sm" disabled={decide.isPending} onClick={() => setEditing(true)}>
                Edit, then accept
              </Button>
            )}
            <Button
              variant="ghost"
              size="sm"
              disabled={decide.isPending}
              onClick={() => decide.mutate({ id: proposal.id, decision: 'reject' })}
            >
              Reject
            </Button>
          </div>
        </>
      )}
    </article>
  );
}
