import { describe, expect, it } from 'vitest';
import { Tracker } from '../../src/analyzer/tracker';
import type { Box } from '../../src/shape/geometry';

const TILES: Box[] = Array.from({ length: 9 }, (_, i) => ({ xMin: i, yMin: 0, xMax: i + 1, yMax: 1 }));

describe('Tracker.searchBudget', () => {
  it('searches the first frame as a photo: the whole frame and every tile', () => {
    const budget = new Tracker().searchBudget();
    expect(budget.wholeFrame).toBe(true);
    expect(budget.pickTiles(TILES)).toEqual(TILES);
  });

  it('then spends one full-range pass a frame: the whole frame and one tile in turn, every tile within one round', () => {
    const tracker = new Tracker();
    tracker.searchBudget();
    const seen: Box[] = [];
    for (let frame = 0; frame < 2 * TILES.length; frame++) {
      const budget = tracker.searchBudget();
      const picked = budget.pickTiles(TILES);
      expect(budget.wholeFrame ? 1 : 0).toBe(frame % 2 === 1 ? 1 : 0);
      expect(picked).toHaveLength(budget.wholeFrame ? 0 : 1);
      seen.push(...picked);
    }
    expect(new Set(seen)).toEqual(new Set(TILES));
  });

  it('starts afresh after reset, and has nothing to pick when the image has no tiles', () => {
    const tracker = new Tracker();
    tracker.searchBudget();
    expect(tracker.searchBudget().pickTiles([])).toEqual([]);
    tracker.reset();
    expect(tracker.searchBudget().pickTiles(TILES)).toEqual(TILES);
  });
});
