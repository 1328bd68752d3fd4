import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { apiClient } from '../../../lib/api-client';
import { createBuilderSession } from '../api/create-session';
import { getPilotActiveFix } from '../api/get-pilot-fix';
import { builderKeys } from '../api/query-keys';
import type { SuggestedFix } from '../types';

type StartState = { phase: 'idle' } | { phase: 'starting' } | { phase: 'failed'; error: unknown };

async function findFix(aiSessionId: string, fixId: string): Promise<SuggestedFix | null> {
  const active = await getPilotActiveFix(aiSessionId);
  if (active?.id === fixId) return active;
  // The fix may have been superseded since the dialog opened; its script is still worth keeping.
  const all = await apiClient.get<{ items: SuggestedFix[] }>(
    `/ai-sessions/${encodeURIComponent(aiSessionId)}/suggested-fixes`,
  );
  return all.items.find((fix) => fix.id === fixId) ?? null;
}

/**
 * "Build a reusable template" lands on `/script-builder?from_fix=<fid>&session=<sid>`: a
 * standalone session starts from the fix's drafted script and opens, replacing the landing URL
 * so Back does not create a second one.
 */
export function useStartFromFix(fixId: string | null, aiSessionId: string | null): StartState {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [state, setState] = useState<StartState>(() =>
    fixId && aiSessionId ? { phase: 'starting' } : { phase: 'idle' },
  );
  const startedRef = useRef<string | null>(null);

  useEffect(() => {
    if (!fixId || !aiSessionId) return;
    const key = `${aiSessionId}/${fixId}`;
    // Once per landing, also under StrictMode's double effects.
    if (startedRef.current === key) return;
    startedRef.current = key;
    setState({ phase: 'starting' });
    void (async () => {
      try {
        const fix = await findFix(aiSessionId, fixId);
        const language = fix?.script_language ?? 'powershell';
        const session = await createBuilderSession({
          language,
          origin: 'standalone',
          ...(fix ? { title: fix.title.slice(0, 200) } : {}),
          ...(fix?.ai_drafted_script ? { initial_script: fix.ai_drafted_script } : {}),
        });
        queryClient.setQueryData(builderKeys.session(session.id), session);
        void queryClient.invalidateQueries({ queryKey: builderKeys.list() });
        void navigate(`/script-builder/${session.id}`, { replace: true });
      } catch (error) {
        setState({ phase: 'failed', error });
      }
    })();
  }, [aiSessionId, fixId, navigate, queryClient]);

  return state;
}
