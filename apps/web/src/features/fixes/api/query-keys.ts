import { sessionKeys } from '../../session-core/query-keys';

/** The pilot session a fix belongs to; invalidating it also refreshes its messages and facts. */
export const fixKeys = {
  session: sessionKeys.session,
};
