import { uuidV5 } from '@flowpilot/assistant/builtin-template-id';

/**
 * Namespace of the built-in playbooks' ids. Fixed forever: counters and proposals refer to a
 * built-in by this id across upgrades of the pack.
 */
const builtinPlaybookNamespace = '9d2a4c71-5e3b-4f08-b6c2-1a7e8f0d3b54';

export const builtinPlaybookId = (slug: string) => uuidV5(builtinPlaybookNamespace, slug);
