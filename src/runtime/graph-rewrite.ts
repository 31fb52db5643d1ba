/**
 * Rewrites of a frozen graph that leave its results unchanged and save work per call. The one
 * we need: BlazeFace full-range pads the feature map with zeros before each of its 44 VALID
 * depthwise convolutions; a convolution can take that padding itself (EXPLICIT), which saves
 * a kernel call and a copy of the map each time.
 */
import type { AttrValue, NodeDef } from './graph-ops';

const CONVOLUTIONS = new Set(['_FusedConv2D', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative']);

const source = (input: string): string => input.replace(/^\^/, '').replace(/:0$/, '');

/**
 * Returns the nodes with every zero Pad of height and width alone, read only by one VALID
 * convolution, folded into that convolution. `constant` gives a Const node's values (null for
 * any other node); nodes named in `outputs` are kept as they are.
 */
export function foldPadsIntoConvolutions(nodes: readonly NodeDef[], constant: (name: string) => number[] | null, outputs: ReadonlySet<string>): NodeDef[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const readers = new Map<string, number>();
  for (const n of nodes) for (const i of n.input ?? []) readers.set(source(i), (readers.get(source(i)) ?? 0) + 1);
  const folded = new Set<string>();
  const rewritten = nodes.map((n) => {
    if (!CONVOLUTIONS.has(n.op) || atob(n.attr?.padding?.s ?? '') !== 'VALID') return n;
    const pad = byName.get(source(n.input![0]!));
    if (pad?.op !== 'Pad' || readers.get(pad.name) !== 1 || outputs.has(pad.name)) return n;
    const p = constant(source(pad.input![1]!));
    // [[batch], [height], [width], [channels]] as four before/after pairs: only height and width may pad.
    if (!p || p.length !== 8 || p[0] !== 0 || p[1] !== 0 || p[6] !== 0 || p[7] !== 0) return n;
    folded.add(pad.name);
    const attr: Record<string, AttrValue> = {
      ...n.attr,
      padding: { s: btoa('EXPLICIT') },
      explicit_paddings: { list: { i: p.map(String) } },
    };
    return { ...n, input: [pad.input![0]!, ...n.input!.slice(1)], attr };
  });
  return rewritten.filter((n) => !folded.has(n.name));
}
