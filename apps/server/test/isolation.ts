import type { App } from '../src/app.ts';
import type { SignedUp } from './fixtures.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface IsolationWorld {
  app: App;
  /** The account that owns the resources. */
  owner: SignedUp;
  /** The account that makes the call (for a case whose URL is the intruder's own, e.g. a body naming the owner's ids). */
  intruder: SignedUp;
}

/**
 * One route with an id in its path. `prepare` creates the resources as `owner` and
 * returns a concrete URL (and a body that would be valid for the owner); the harness
 * then calls it as another account and expects 404 and no change at all.
 */
export interface IsolationCase {
  method: HttpMethod;
  /** The route as OpenAPI names it, e.g. `/api/v1/users/{id}`. */
  route: string;
  prepare(world: IsolationWorld): Promise<{ url: string; body?: unknown }>;
}
