/**
 * Hand-written SQL migrations with an explicit down path (ADR 002): drizzle-kit
 * generates only "up", and the product promises a tested rollback for each step.
 */
export interface Migration {
  /** Sortable and unique, e.g. `0001_foundation`. */
  id: string;
  up: string;
  down: string;
}
