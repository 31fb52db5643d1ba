/**
 * Runs a frozen TensorFlow graph (a tfjs-converter model.json and its weights) as a flat list of
 * steps compiled once: inputs resolved to slots, attributes parsed, and the step after which each
 * intermediate tensor is freed worked out in advance. tfjs-converter's GraphExecutor redoes that
 * work for every node on every call, which cost more than the arithmetic itself on the wasm
 * backend (the attention mesh has 1,088 nodes). The nodes that compute from the input's shape
 * alone (196 of the attention mesh's: Shape, then slices, packs, fills…) run once per input
 * shape, and their results are kept for the next call of that shape.
 */
import * as tf from '@tensorflow/tfjs-core';
import { OPS, type NodeDef, type OpRun } from './graph-ops';
import { foldPadsIntoConvolutions } from './graph-rewrite';

export interface GraphTopology {
  node: NodeDef[];
}

/** The model's signature: output names as the model's users know them, mapped to graph tensors. */
export interface GraphSignature {
  outputs?: Record<string, { name: string }>;
}

export interface CompiledGraph {
  /** Runs the graph on one input and returns the named outputs, in that order; the caller owns them. */
  execute(input: tf.Tensor, outputs: readonly string[]): tf.Tensor[];
  dispose(): void;
}

interface Step {
  run: OpRun;
  inputs: number[];
  out: number;
  /** Slots whose last reader is this step. */
  free: number[];
}

interface Plan {
  /** The weight each slot holds, where it holds one; the steps fill the others. */
  weights: Array<tf.Tensor | undefined>;
  /** Steps whose values follow from the input's shape alone. */
  fromShape: Set<Step>;
  /** The input's slot. */
  input: number;
  /** Values of weights read as shapes, axes or paddings, read once. */
  constValues: Array<number[] | undefined>;
  steps: Step[];
  outputs: number[];
}

const nodeOf = (input: string): string => input.replace(/^\^/, '').replace(/:0$/, '');

/** Input shapes whose shape-only values a graph keeps (a photo's batches: one to a dozen faces). */
const SHAPES_KEPT = 8;

/** Builds a runner for `topology` whose Const nodes are the tensors in `weights`. */
export function compileGraph(topology: GraphTopology, weights: tf.NamedTensorMap, signature: GraphSignature = {}): CompiledGraph {
  const outputName = (name: string): string => nodeOf(signature.outputs?.[name]?.name ?? name);
  const graph = foldPadsIntoConvolutions(
    topology.node,
    (name) => (weights[name] ? Array.from(weights[name].dataSync()) : null),
    new Set(Object.keys(signature.outputs ?? {}).map(outputName)),
  );
  const nodes = new Map(graph.map((n) => [n.name, n]));
  const placeholder = graph.find((n) => n.op === 'Placeholder');
  if (!placeholder) throw new Error('The graph has no input.');
  for (const n of graph) {
    if (n.op !== 'Const' && n.op !== 'Placeholder' && n.op !== 'Identity' && !OPS[n.op]) throw new Error(`Unsupported op ${n.op} (${n.name}).`);
    if (n.input?.some((i) => !i.startsWith('^') && /:[1-9]\d*$/.test(i))) throw new Error(`${n.name} reads a second output of a node.`);
  }
  /** Identity forwards its input's tensor: its readers read that input's node instead. */
  const resolve = (name: string): string => {
    let n = nodes.get(name);
    while (n?.op === 'Identity') n = nodes.get(nodeOf(n.input![0]!));
    if (!n) throw new Error(`The graph has no node ${name}.`);
    return n.name;
  };

  const plans = new Map<string, Plan>();

  const plan = (outputs: readonly string[]): Plan => {
    const key = outputs.join('\n');
    const cached = plans.get(key);
    if (cached) return cached;
    const targets = outputs.map((o) => resolve(outputName(o)));
    // Depth-first from the outputs: only what they need, each node after its inputs.
    const order: NodeDef[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string): void => {
      const s = state.get(name);
      if (s === 'done') return;
      if (s === 'visiting') throw new Error(`The graph has a cycle at ${name}.`);
      state.set(name, 'visiting');
      const n = nodes.get(name)!;
      if (n.op !== 'Const' && n.op !== 'Placeholder') for (const i of dataInputs(n)) visit(resolve(i));
      state.set(name, 'done');
      order.push(n);
    };
    for (const t of targets) visit(t);

    const slotOf = new Map<string, number>();
    for (const n of order) slotOf.set(n.name, slotOf.size);
    const steps: Step[] = [];
    // Slots whose value follows from the input's shape: weights, Shape, and what reads only those.
    const shapeOnly = new Set<number>();
    const fromShape = new Set<Step>();
    for (const n of order) {
      if (n.op === 'Placeholder') continue;
      if (n.op === 'Const') {
        shapeOnly.add(slotOf.get(n.name)!);
        continue;
      }
      const inputs = dataInputs(n).map((i) => slotOf.get(resolve(i))!);
      const step: Step = { run: OPS[n.op]!(n), inputs, out: slotOf.get(n.name)!, free: [] };
      if (n.op === 'Shape' || inputs.every((s) => shapeOnly.has(s))) {
        shapeOnly.add(step.out);
        fromShape.add(step);
      }
      steps.push(step);
    }
    const kept = new Set(targets.map((t) => slotOf.get(t)!));
    for (const n of order) if (n.op === 'Const' || n.op === 'Placeholder') kept.add(slotOf.get(n.name)!);
    freeAfterLastRead(steps, kept);

    const names = [...slotOf.keys()];
    const made: Plan = {
      weights: names.map((name) => weights[name]),
      fromShape,
      input: slotOf.get(placeholder.name) ?? -1,
      constValues: [],
      steps,
      outputs: targets.map((t) => slotOf.get(t)!),
    };
    plans.set(key, made);
    return made;
  };

  /** Per output list and input shape, the plan with its shape-only steps done: their values held as weights. */
  const specialised = new Map<string, { plan: Plan; held: tf.Tensor[] }>();

  const specialise = (key: string, p: Plan, held: ReadonlyMap<number, tf.Tensor>): void => {
    const weightsNow = p.weights.slice();
    for (const [slot, t] of held) weightsNow[slot] = t;
    // What is left, less the steps that only fed shape-only ones (a Shape's input read for its shape).
    const needed = new Set(p.outputs);
    const steps: Step[] = [];
    for (const s of [...p.steps].reverse()) {
      if (p.fromShape.has(s) || !needed.has(s.out)) continue;
      for (const i of s.inputs) needed.add(i);
      steps.unshift({ ...s, free: [] });
    }
    const kept = new Set([...p.outputs, p.input]);
    weightsNow.forEach((w, slot) => w && kept.add(slot));
    freeAfterLastRead(steps, kept);
    if (specialised.size >= SHAPES_KEPT) {
      const [oldest, entry] = specialised.entries().next().value!;
      tf.dispose(entry.held);
      specialised.delete(oldest);
    }
    specialised.set(key, { plan: { ...p, weights: weightsNow, fromShape: new Set(), constValues: [], steps }, held: [...held.values()] });
  };

  const execute = (input: tf.Tensor, outputs: readonly string[]): tf.Tensor[] => {
    const key = `${outputs.join('\n')}\n${input.shape.join('x')}`;
    const known = specialised.get(key);
    if (known) return run(known.plan, input);
    const p = plan(outputs);
    if (p.fromShape.size === 0) return run(p, input);
    // The first call of a shape keeps (shares) what its shape-only steps made, for the next.
    const held = new Map<number, tf.Tensor>();
    try {
      const result = run(p, input, (step, out) => {
        if (p.fromShape.has(step)) held.set(step.out, tf.clone(out));
      });
      specialise(key, p, held);
      return result;
    } catch (e) {
      tf.dispose([...held.values()]);
      throw e;
    }
  };

  /** Runs a plan's steps; `made` sees each step's result as it is made. */
  const run = (p: Plan, input: tf.Tensor, made?: (step: Step, out: tf.Tensor) => void): tf.Tensor[] => {
    const slots = p.weights.slice();
    slots[p.input] = input;
    let step: Step;
    const values = (k: number): number[] => {
      const slot = step.inputs[k]!;
      const known = p.constValues[slot];
      if (known) return known;
      const read = Array.from(slots[slot]!.dataSync());
      if (p.weights[slot]) p.constValues[slot] = read;
      return read;
    };
    try {
      for (step of p.steps) {
        const ins = step.inputs.map((s) => slots[s]!);
        let out = step.run(ins, values);
        // An op that hands back one of its inputs would have it freed twice.
        if (ins.includes(out)) out = tf.clone(out);
        slots[step.out] = out;
        made?.(step, out);
        for (const s of step.free) {
          slots[s]!.dispose();
          slots[s] = undefined;
        }
      }
      // An output that is a weight or the input itself stays ours: the caller gets a clone to free.
      return p.outputs.map((s) => (p.weights[s] || s === p.input ? tf.clone(slots[s]!) : slots[s]!));
    } catch (e) {
      slots.forEach((t, s) => {
        if (t && !p.weights[s] && s !== p.input) t.dispose();
      });
      throw e;
    }
  };

  return {
    execute,
    dispose: () => {
      for (const { held } of specialised.values()) tf.dispose(held);
      specialised.clear();
      tf.dispose(Object.values(weights));
    },
  };
}

/** Gives each step the slots it is the last to read, but those in `kept`. */
function freeAfterLastRead(steps: Step[], kept: ReadonlySet<number>): void {
  const lastRead = new Map<number, Step>();
  for (const step of steps) for (const s of step.inputs) lastRead.set(s, step);
  for (const [slot, step] of lastRead) if (!kept.has(slot)) step.free.push(slot);
}

const dataInputs = (n: NodeDef): string[] => (n.input ?? []).filter((i) => !i.startsWith('^')).map(nodeOf);
