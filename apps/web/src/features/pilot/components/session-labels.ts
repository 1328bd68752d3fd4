import type { ConfidenceTier, SessionStatus } from '../types';

type Tone = 'neutral' | 'accent' | 'success' | 'warning' | 'danger';

export const statusLabels: Record<SessionStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  resolved: 'Resolved',
  escalated: 'Escalated',
  abandoned: 'Abandoned',
};

export const statusTones: Record<SessionStatus, Tone> = {
  active: 'accent',
  paused: 'neutral',
  resolved: 'success',
  escalated: 'warning',
  abandoned: 'neutral',
};

export const tierLabels: Record<ConfidenceTier, string> = {
  discovery: 'Discovery',
  exploring: 'Exploring',
  guided: 'Guided',
};

export const tierDescriptions: Record<ConfidenceTier, string> = {
  discovery: 'Still gathering facts (below 40%)',
  exploring: 'A likely cause is emerging (40–80%)',
  guided: 'Confident in the cause (80% and above)',
};

/** Sessions that no longer take messages. */
export const isClosedStatus = (status: SessionStatus) => status === 'resolved' || status === 'escalated';
