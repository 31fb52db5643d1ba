/**
 * Runs a frozen TensorFlow graph (a tfjs-converter model.json and its weights) as a flat list of
 * steps compiled once: inputs resolved to slots, attributes parsed, and the step after which each
 * intermediate tensor is freed worked out in advance. tfjs-converter's GraphExecutor redoes that
 * work for every node on every call, which cost more than the arithmetic itself on the wasm
 * backend (the attention mesh has 1,088 nodes).
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
  /** The input's slot. */
  input: number;
  /** Values of weights read as shapes, axes or paddings, read once. */
  constValues: Array<number[] | undefined>;
  steps: Step[];
  outputs: number[];
}

const nodeOf = (input: string): string => input.replace(/^\^/, '').replace(/:0$/, '');

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
    const lastRead = new Map<number, number>();
    const steps: Step[] = [];
    for (const n of order) {
      if (n.op === 'Const' || n.op === 'Placeholder') continue;
      const inputs = dataInputs(n).map((i) => slotOf.get(resolve(i))!);
      for (const s of inputs) lastRead.set(s, steps.length);
      steps.push({ run: OPS[n.op]!(n), inputs, out: slotOf.get(n.name)!, free: [] });
    }
    const kept = new Set(targets.map((t) => slotOf.get(t)!));
    for (const n of order) if (n.op === 'Const' || n.op === 'Placeholder') kept.add(slotOf.get(n.name)!);
    for (const [slot, at] of lastRead) if (!kept.has(slot)) steps[at]!.free.push(slot);

    const names = [...slotOf.keys()];
    const made: Plan = {
      weights: names.map((name) => weights[name]),
      input: slotOf.get(placeholder.name) ?? -1,
      constValues: [],
      steps,
      outputs: targets.map((t) => slotOf.get(t)!),
    };
    plans.set(key, made);
    return made;
  };

  const execute = (input: tf.Tensor, outputs: readonly string[]): tf.Tensor[] => {
    const p = plan(outputs);
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
    dispose: () => tf.dispose(Object.values(weights)),
  };
}

const dataInputs = (n: NodeDef): string[] => (n.input ?? []).filter((i) => !i.startsWith('^')).map(nodeOf);
