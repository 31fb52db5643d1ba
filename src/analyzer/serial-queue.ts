/**
 * Runs tasks one after another. TF.js work of concurrent analyze() calls would otherwise
 * interleave at every await, multiplying peak memory and racing on the tracking state.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
