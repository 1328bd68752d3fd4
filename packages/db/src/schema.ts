// The one schema object drizzle needs for relational queries; tables live in per-domain files.
export * from './schema-accounts.ts';
export * from './schema-sessions.ts';
export * from './schema-scripts.ts';
export * from './schema-builder.ts';
