import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { ScriptGeneration } from '../types';
import { templateKeys } from './query-keys';

export interface GenerateScriptInput {
  templateId: string;
  parameters: Record<string, unknown>;
  /** With `fixId`: links the template to the session's active fix. */
  sessionId?: string | undefined;
  fixId?: string | undefined;
}

export const generateScript = ({ templateId, parameters, sessionId, fixId }: GenerateScriptInput) =>
  apiClient.post<ScriptGeneration>('/scripts/generate', {
    body: { template_id: templateId, parameters, ai_session_id: sessionId, fix_id: fixId },
  });

/** Renders for real and records the (redacted) generation; the real script is in this answer only. */
export function useGenerateScript({
  onGenerated,
}: { onGenerated?: (generation: ScriptGeneration) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: generateScript,
    onSuccess: (generation) => {
      onGenerated?.(generation);
      // The template's usage count moved.
      void queryClient.invalidateQueries({ queryKey: templateKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: templateKeys.detail(generation.template_id) });
    },
  });
}
