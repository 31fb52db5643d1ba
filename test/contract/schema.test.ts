import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GROUPS, GROUP_NAMES, POINT_COUNT } from '../../src/contract/schema';
import { responseProblems } from '../../src/contract/validate-response';
import { fromTencent, toTencent } from '../../src/contract/tencent';

const example = JSON.parse(readFileSync(new URL('../fixtures/spec/example-response.json', import.meta.url), 'utf8'));

describe('the 90-point schema', () => {
  it('has the spec example’s groups, in its key order, with its sizes', () => {
    const face = example.face_shape_set[0];
    expect(Object.keys(face)).toEqual([...GROUP_NAMES]);
    for (const g of GROUPS) expect(face[g.name]).toHaveLength(g.size);
    expect(POINT_COUNT).toBe(90);
  });

  it('accepts the spec example and names what is wrong with a broken one', () => {
    expect(responseProblems(example)).toEqual([]);
    const broken = structuredClone(example);
    broken.face_shape_set[0].mouth.pop();
    broken.face_shape_set[0].nose[0].x = 1.5;
    expect(responseProblems(broken)).toEqual([
      'face 0 mouth has 21 points, expected 22',
      'face 0 nose[0] is not {x:int, y:int}',
    ]);
  });

  it('draws every group with indices inside the group', () => {
    for (const g of GROUPS) for (const line of g.lines) for (const i of line) expect(i).toBeLessThan(g.size);
  });

  it('round-trips the example through the upstream SDK shape', () => {
    const t = toTencent(example, 'req-1');
    expect(Object.keys(t.FaceShapeSet[0]!)).toEqual(GROUPS.map((g) => g.tencent));
    expect(t.FaceShapeSet[0]!.Mouth[3]).toEqual({ X: example.face_shape_set[0].mouth[3].x, Y: example.face_shape_set[0].mouth[3].y });
    expect(fromTencent(t)).toEqual(example);
  });
});
