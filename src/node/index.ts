/**
 * faceshape in Node (the package's `node` export): the same API as in the browser, on the wasm
 * backend, with the models read from the package's own files and JPEG and PNG decoded in
 * JavaScript, since Node has no createImageBitmap. Importing it starts nothing.
 */
import { createFaceAnalyzer as createAnalyzer } from '../analyzer/create-analyzer';
import type { AnalyzerOptions, FaceAnalyzer } from '../analyzer/api';
import { decodeImage } from './decode';
import { withFileUrls } from './file-fetch';

export * from '../public-api';

/** createFaceAnalyzer() for Node: `fetch`, when given, still serves http(s); file: URLs are read from disk. */
export function createFaceAnalyzer(options: AnalyzerOptions = {}): Promise<FaceAnalyzer> {
  const next = options.fetch ?? ((input, init) => fetch(input, init));
  return createAnalyzer({ ...options, fetch: withFileUrls(next), decode: decodeImage });
}
