import { describe, it, expect } from 'vitest';
import { clampConfidence, confidenceTier } from './confidence.ts';

describe('clampConfidence', () => {
  it.each([
    [0.5, 0.5],
    [0, 0],
    [1, 1],
    [-0.2, 0],
    [1.7, 1],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 1],
    [Number.NEGATIVE_INFINITY, 0],
  ])('%s → %s', (input, expected) => {
    expect(clampConfidence(input)).toBe(expected);
  });
});

describe('confidenceTier', () => {
  it.each([
    [0, 'discovery'],
    [0.39999, 'discovery'],
    [0.4, 'exploring'],
    [0.79999, 'exploring'],
    [0.8, 'guided'],
    [1, 'guided'],
    [-1, 'discovery'],
    [Number.NaN, 'discovery'],
    [42, 'guided'],
  ] as const)('%s → %s', (score, tier) => {
    expect(confidenceTier(score)).toBe(tier);
  });
});
