/**
 * Knowledge shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
export type {
  TAcceptProposalRequest as AcceptProposalRequest,
  TPlaybookDefinitionInput as PlaybookDefinitionInput,
  TCreatePlaybookRequest as CreatePlaybookRequest,
  TKnowledgeProposal as KnowledgeProposal,
  TPlaybookDetail as PlaybookDetail,
  TPlaybookSummary as PlaybookSummary,
  TSimilarSession as SimilarSession,
  TUpdatePlaybookRequest as UpdatePlaybookRequest,
} from '@flowpilot/contracts/playbooks';
import type {
  TKnowledgeProposal,
  TPlaybookDefinitionInput,
  TPlaybookSummary,
} from '@flowpilot/contracts/playbooks';

/** What the playbook form edits: a stored playbook, or a proposal's draft of one. */
export type PlaybookDraftSource = Pick<
  TPlaybookDefinitionInput,
  'title' | 'category' | 'symptoms' | 'root_cause' | 'fix' | 'questions' | 'checks'
>;

export interface PlaybookList {
  items: TPlaybookSummary[];
}
export interface KnowledgeProposalList {
  items: TKnowledgeProposal[];
  pending_count: number;
}
export interface KnowledgeGap {
  category: string;
  sessions: number;
  escalated: number;
  without_playbook: number;
  playbooks: number;
}
