/**
 * The calls a worker analyzer has sent and not yet had answered, by id, so that many calls in
 * flight each get their own answer and none is left pending when the worker closes or dies.
 */
import type { FaceAnalyzeError } from '../contract/errors';

interface Waiting {
  resolve(value: unknown): void;
  reject(error: FaceAnalyzeError): void;
}

export class PendingCalls {
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  /** A new call: its id for the message, and the promise its answer settles. */
  open<T>(): { id: number; answer: Promise<T> } {
    const id = this.nextId++;
    const answer = new Promise<T>((resolve, reject) => this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    return { id, answer };
  }

  get size(): number {
    return this.waiting.size;
  }

  /** Settles call `id` once; false if it was settled already (or never opened). */
  resolve(id: number, value: unknown): boolean {
    const w = this.take(id);
    w?.resolve(value);
    return w !== undefined;
  }

  reject(id: number, error: FaceAnalyzeError): boolean {
    const w = this.take(id);
    w?.reject(error);
    return w !== undefined;
  }

  /** Rejects every call still waiting, each with an error of its own (its own trace id). */
  rejectAll(error: () => FaceAnalyzeError): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of all) w.reject(error());
  }

  private take(id: number): Waiting | undefined {
    const w = this.waiting.get(id);
    this.waiting.delete(id);
    return w;
  }
}
