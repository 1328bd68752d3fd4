import { apiClient } from '../../../lib/api-client';
import type { PsaMember } from '../types';

export const findPsaMembers = (email: string) =>
  apiClient.get<{ items: PsaMember[] }>(`/integrations/psa/members?email=${encodeURIComponent(email)}`);
