import { describe, expect, it } from 'vitest';
import { hourAxisRange } from '../../../site/islands/charts/hour-axis.ts';

describe("the traffic chart's time axis", () => {
  it('gives a single hour an hour either side, so the ticks stay on hours', () => {
    const nine = Date.UTC(2026, 2, 3, 9) / 1000;
    expect(hourAxisRange(nine, nine)).toEqual([nine - 3600, nine + 3600]);
  });
  it('leaves a day of hours as it is', () => {
    expect(hourAxisRange(0, 23 * 3600)).toEqual([0, 23 * 3600]);
  });
});
