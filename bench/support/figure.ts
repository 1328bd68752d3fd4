export interface BenchOptions {
  /** A short run for CI: proves the benchmark works, numbers are not meaningful. */
  smoke: boolean;
}

export interface BenchFigure {
  name: string;
  unit: string;
  median: number;
  samples: number;
  goal?: string;
  met?: boolean;
  p95?: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
