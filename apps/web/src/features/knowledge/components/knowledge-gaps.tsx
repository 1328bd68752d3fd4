import { Panel } from '../../../components/ui/panel';
import { useKnowledgeGaps } from '../api/list-knowledge-gaps';

/** Where the team's knowledge runs out: areas with escalations or fixes no playbook covered. */
export function KnowledgeGaps() {
  const gaps = useKnowledgeGaps();
  const items = gaps.data?.items ?? [];
  return (
    <Panel
      title="Knowledge gaps"
      description="Problem areas with escalations or resolutions no playbook covered, from your sessions."
    >
      {items.length === 0 ? (
        <p className="text-[13px] text-zinc-500">
          {gaps.isPending ? 'Loading…' : 'No gaps yet: every closed session had a playbook.'}
        </p>
      ) : (
        <table className="w-full text-left text-[13px] text-zinc-300">
          <thead className="text-zinc-500">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Area
              </th>
              <th scope="col" className="py-1 font-medium">
                Closed sessions
              </th>
              <th scope="col" className="py-1 font-medium">
                Escalated
              </th>
              <th scope="col" className="py-1 font-medium">
                Without a playbook
              </th>
              <th scope="col" className="py-1 font-medium">
                Playbooks
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((gap) => (
              <tr key={gap.category} className="border-t border-zinc-800">
                <th scope="row" className="py-1 font-medium text-zinc-100">
                  {gap.category}
                </th>
                <td className="tabular-nums">{gap.sessions}</td>
                <td className="tabular-nums">{gap.escalated}</td>
                <td className="tabular-nums">{gap.without_playbook}</td>
                <td className="tabular-nums">{gap.playbooks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
