/** Folding zero spatial Pads into the VALID convolution that reads them (on graph data alone). */
import { describe, expect, it } from 'vitest';
import type { NodeDef } from '../../src/runtime/graph-ops';
import { foldPadsIntoConvolutions } from '../../src/runtime/graph-rewrite';

const VALID = { s: btoa('VALID') };
const graph = (padding: number[], conv: Partial<NodeDef> = {}): NodeDef[] => [
  { name: 'x', op: 'Placeholder' },
  { name: 'paddings', op: 'Const' },
  { name: 'pad', op: 'Pad', input: ['x', 'paddings'] },
  { name: 'filter', op: 'Const' },
  { name: 'conv', op: 'FusedDepthwiseConv2dNative', input: ['pad', 'filter'], attr: { padding: VALID }, ...conv },
].map((n) => (n.name === 'paddings' ? { ...n, padding } : n)) as NodeDef[];

const constants = (nodes: NodeDef[]) => (name: string): number[] | null =>
  ((nodes.find((n) => n.name === name) as NodeDef & { padding?: number[] })?.padding ?? null);

describe('foldPadsIntoConvolutions', () => {
  it('moves a height/width zero pad into the convolution as explicit padding', () => {
    const nodes = graph([0, 0, 1, 2, 0, 1, 0, 0]);
    const out = foldPadsIntoConvolutions(nodes, constants(nodes), new Set());
    expect(out.map((n) => n.name)).toEqual(['x', 'paddings', 'filter', 'conv']);
    const conv = out.find((n) => n.name === 'conv')!;
    expect(conv.input).toEqual(['x', 'filter']);
    expect(atob(conv.attr!.padding!.s!)).toBe('EXPLICIT');
    expect(conv.attr!.explicit_paddings!.list!.i).toEqual(['0', '0', '1', '2', '0', '1', '0', '0']);
  });

  it.each([
    ['pads channels', graph([0, 0, 1, 1, 1, 1, 0, 16])],
    ['pads the batch', graph([1, 0, 1, 1, 1, 1, 0, 0])],
    ['feeds a SAME convolution', graph([0, 0, 1, 1, 1, 1, 0, 0], { attr: { padding: { s: btoa('SAME') } } })],
    ['feeds something else', graph([0, 0, 1, 1, 1, 1, 0, 0], { op: 'AddV2' })],
    ['is read twice', [...graph([0, 0, 1, 1, 1, 1, 0, 0]), { name: 'other', op: 'Relu', input: ['pad'] }]],
  ])('leaves a pad alone that %s', (_, nodes) => {
    expect(foldPadsIntoConvolutions(nodes, constants(nodes), new Set())).toEqual(nodes);
  });

  it('leaves a pad alone that is an output of the model', () => {
    const nodes = graph([0, 0, 1, 1, 1, 1, 0, 0]);
    expect(foldPadsIntoConvolutions(nodes, constants(nodes), new Set(['pad']))).toEqual(nodes);
  });
});
