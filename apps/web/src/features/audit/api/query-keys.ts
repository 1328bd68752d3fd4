import { sessionKeys } from '../../session-core/query-keys';

/** Under the session's key, so whatever refreshes the session refreshes its trail too. */
export const auditKeys = {
  session: sessionKeys.audit,
};
