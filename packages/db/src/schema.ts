// The one schema object drizzle needs for relational queries; tables live in per-domain files.
export * from './schema-accounts.ts';
export * from './schema-sessions.ts';
export * from './schema-scripts.ts';
export * from './schema-builder.ts';
export * from './schema-attachments.ts';
export * from './schema-knowledge.ts';
export * from './schema-psa.ts';
export * from './schema-escalations.ts';
