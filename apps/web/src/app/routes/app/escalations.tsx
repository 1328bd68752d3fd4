import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PICKUP_MESSAGES } from '@flowpilot/contracts/escalations';
import { EmptyState } from '../../../components/ui/empty-state';
import { PageHeader } from '../../../components/ui/page-header';
import { useMe } from '../../../features/auth/api/get-me';
import { useEscalations } from '../../../features/escalations/api/list-escalations';
import { EscalationQueue } from '../../../features/escalations/components/escalation-queue';
import { PickupChoices, type PickupChoice } from '../../../features/escalations/components/pickup-choices';
import { waitingCount } from '../../../features/escalations/components/waiting-escalations-badge';
import { useEscalationStream } from '../../../features/escalations/hooks/use-escalation-stream';
import { postMessageStream } from '../../../features/pilot/api/post-message';
import { pilotKeys } from '../../../features/pilot/api/query-keys';

/**
 * /escalations: the account's live queue and, after a claim, the pickup screen. The page
 * composes the queue with the pilot chat: its two assistant choices send the first message of
 * the new engineer's turn, then open the session, where the reply streams on.
 */
export function EscalationsRoute() {
  const me = useMe();
  const canWork = me.data !== undefined && me.data.user.account_role !== 'viewer';
  useEscalationStream({ enabled: canWork });
  const escalations = useEscalations({ enabled: canWork });
  const waiting = waitingCount(escalations.data?.items);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [claimed, setClaimed] = useState<{ id: string; title: string } | null>(null);
  const [pending, setPending] = useState<PickupChoice | null>(null);
  const [error, setError] = useState<unknown>(null);

  const open = (id: string) => {
    void queryClient.invalidateQueries({ queryKey: pilotKeys.session(id) });
    void navigate(`/pilot/${id}`);
  };

  const choose = async (choice: PickupChoice) => {
    if (!claimed) return;
    if (choice === 'take_over') return open(claimed.id);
    setPending(choice);
    setError(null);
    // The message is saved and the reply starts server-side; the session page follows it from there.
    const controller = new AbortController();
    try {
      await postMessageStream(claimed.id, PICKUP_MESSAGES[choice], {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.event === 'user_message') controller.abort();
        },
      });
    } catch (caught) {
      if (!controller.signal.aborted) {
        setError(caught);
        setPending(null);
        return;
      }
    }
    open(claimed.id);
  };

  return (
    <>
      <title>{waiting > 0 ? `(${waiting}) Escalations · FlowPilot` : 'Escalations · FlowPilot'}</title>
      <PageHeader
        title="Escalations"
        description="Sessions escalated by engineers of your account. Claim one to pick it up: it becomes yours, with its transcript and package."
      />
      {!canWork ? (
        <EmptyState title="Escalations are for engineers">
          Viewers can read their own sessions; the queue is worked by engineers and owners.
        </EmptyState>
      ) : (
        <>
          {claimed && (
            <PickupChoices
              title={claimed.title}
              onChoose={(choice) => void choose(choice)}
              pending={pending}
              error={error}
            />
          )}
          <EscalationQueue
            currentUserId={me.data!.user.id}
            onClaimed={(session) => setClaimed({ id: session.id, title: session.title })}
          />
        </>
      )}
    </>
  );
}
