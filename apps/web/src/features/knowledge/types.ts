/**
 * Knowledge shapes from @flowpilot/contracts. Type-only imports: no zod reaches the bundle.
 */
export type {
  TAcceptProposalRequest as AcceptProposalRequest,
  TCreatePlaybookRequest as CreatePlaybookRequest,
  TKnowledgeProposal as KnowledgeProposal,
  TPlaybookDetail as PlaybookDetail,
  TPlaybookSummary as PlaybookSummary,
  TSimilarSession as SimilarSession,
  TUpdatePlaybookRequest as UpdatePlaybookRequest,
} from '@flowpilot/contracts/playbooks';
import type { TKnowledgeProposal, TPlaybookSummary } from '@flowpilot/contracts/playbooks';

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
