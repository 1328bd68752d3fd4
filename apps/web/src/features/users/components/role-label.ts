import type { AccountRole } from '../../../types/api';

export const roleLabels: Record<AccountRole, string> = {
  owner: 'Owner',
  engineer: 'Engineer',
  viewer: 'Viewer',
};

export const roleDescriptions: Record<AccountRole, string> = {
  owner: 'Manages users, account settings and the template review queue.',
  engineer: 'Works pilot sessions and builds scripts.',
  viewer: 'Reads sessions and scripts; changes nothing.',
};
