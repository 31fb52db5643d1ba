import { describe, expect, it } from 'vitest';
import { confirmsUpright, TURN_MARGIN, turned, uprightTurn } from '../../src/pipeline/upright';

describe("which way up, from the detector's logits per quarter turn", () => {
  it("keeps the mesh's own way up unless another turn is clearly surer", () => {
    expect(uprightTurn([5, 1, 2, 1])).toBe(0);
    expect(uprightTurn([2, 1, 2 + TURN_MARGIN * 0.9, 1])).toBe(0);
    expect(uprightTurn([2, 1, 2 + TURN_MARGIN * 1.1, 1])).toBe(2);
    expect(uprightTurn([1, 4, 2, 1])).toBe(1);
  });
  it('confirms a mesh found again only when its own way up is the surest', () => {
    expect(confirmsUpright([3, 1, 2, 1])).toBe(true);
    expect(confirmsUpright([3, 1, 3.1, 1])).toBe(false);
  });
  it('turns a crop by quarter turns about its centre', () => {
    const r = turned({ cx: 10, cy: 20, size: 30, angle: 0.1 }, 2);
    expect(r).toEqual({ cx: 10, cy: 20, size: 30, angle: 0.1 + Math.PI });
  });
});
