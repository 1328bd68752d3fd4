import type { App } from '../src/app.ts';

let counter = 0;

export interface SignedUp {
  token: string;
  userId: string;
  accountId: string;
  email: string;
  headers: { authorization: string };
}

/** Signs up a fresh account (owner) through the real API. */
export async function signUpAccount(app: App, name = 'Acme MSP'): Promise<SignedUp> {
  counter += 1;
  const email = `owner${counter}-${process.pid}@example.test`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email, password: 'correct horse battery', name: `Owner ${counter}`, account_name: name },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return {
    token: body.access_token,
    userId: body.user.id,
    accountId: body.user.account_id,
    email,
    headers: { authorization: `Bearer ${body.access_token}` },
  };
}

/** Adds a user with the given role to the owner's account and signs them in. */
export async function addUser(
  app: App,
  owner: SignedUp,
  role: 'owner' | 'engineer' | 'viewer',
): Promise<SignedUp> {
  counter += 1;
  const email = `${role}${counter}-${process.pid}@example.test`;
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: owner.headers,
    payload: { email, name: `${role} ${counter}`, password: 'correct horse battery', account_role: role },
  });
  if (created.statusCode !== 201) throw new Error(`add user failed: ${created.statusCode} ${created.body}`);
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: 'correct horse battery' },
  });
  const body = login.json();
  return {
    token: body.access_token,
    userId: body.user.id,
    accountId: body.user.account_id,
    email,
    headers: { authorization: `Bearer ${body.access_token}` },
  };
}

/** Every row of every table, for "nothing changed" assertions. */
export async function snapshotDatabase(app: { database: { query: <R>(sql: string) => Promise<R[]> } }) {
  const tables = await app.database.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`,
  );
  const snapshot: Record<string, unknown[]> = {};
  for (const { tablename } of tables) {
    snapshot[tablename] = await app.database.query(`SELECT * FROM "${tablename}" ORDER BY 1`);
  }
  return snapshot;
}
