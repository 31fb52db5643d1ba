/**
 * The analyzer behind the shim or the service worker: the one the caller gave, or one made on
 * the first call (so installing costs nothing until the endpoint is used) and made again if
 * making it failed.
 */
import { createFaceAnalyzer } from '../analyzer/create-analyzer';
import type { AnalyzerOptions, FaceAnalyzer } from '../analyzer/api';

export interface LazyAnalyzer {
  get(): Promise<FaceAnalyzer>;
  /** Closes the analyzer if it was made here; one the caller gave stays theirs. */
  close(): void;
}

export function lazyAnalyzer(given: FaceAnalyzer | Promise<FaceAnalyzer> | undefined, options: AnalyzerOptions): LazyAnalyzer {
  if (given !== undefined) {
    const ready = Promise.resolve(given);
    return { get: () => ready, close: () => undefined };
  }
  let made: Promise<FaceAnalyzer> | undefined;
  return {
    get() {
      if (!made) {
        const making = createFaceAnalyzer(options);
        made = making;
        making.catch(() => {
          if (made === making) made = undefined;
        });
      }
      return made;
    },
    close() {
      made?.then((a) => a.close(), () => undefined);
      made = undefined;
    },
  };
}
