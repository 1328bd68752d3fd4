import type { IsolationCase, IsolationWorld } from '../../../test/isolation.ts';

/** A session with an AI-proposed fix (and an outcome proposal) owned by the world's owner. */
async function ownerFix({ app, owner }: IsolationWorld) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/ai-sessions',
    headers: owner.headers,
    payload: { intake_content: { text: 'Print spooler keeps stopping' } },
  });
  const sid = created.json().id as string;
  await app.inject({ method: 'GET', url: `/api/v1/ai-sessions/${sid}/stream`, headers: owner.headers });
  const fix = await app.inject({
    method: 'POST',
    url: `/api/v1/ai-sessions/${sid}/suggested-fixes`,
    headers: owner.headers,
    payload: {
      title: 'Restart the spooler',
      description: 'Restart it',
      ai_drafted_script: 'Restart-Service Spooler',
      script_language: 'powershell',
    },
  });
  return `/api/v1/ai-sessions/${sid}/suggested-fixes/${fix.json().id as string}`;
}

const route = (suffix: string) => `/api/v1/ai-sessions/{sid}/suggested-fixes/{fid}/${suffix}`;

export const fixLifecycleIsolationCases: IsolationCase[] = [
  {
    method: 'POST',
    route: route('apply'),
    prepare: async (w) => ({ url: `${await ownerFix(w)}/apply`, body: {} }),
  },
  {
    method: 'POST',
    route: route('decision'),
    prepare: async (w) => ({ url: `${await ownerFix(w)}/decision`, body: { decision: 'one_off' } }),
  },
  {
    method: 'PATCH',
    route: route('outcome'),
    prepare: async (w) => ({ url: `${await ownerFix(w)}/outcome`, body: { outcome: 'applied_success' } }),
  },
  {
    method: 'PATCH',
    route: route('script'),
    prepare: async (w) => ({ url: `${await ownerFix(w)}/script`, body: { ai_drafted_script: 'Get-Date' } }),
  },
  {
    method: 'POST',
    route: route('outcome-proposal'),
    prepare: async (w) => ({ url: `${await ownerFix(w)}/outcome-proposal`, body: { accept: false } }),
  },
];
