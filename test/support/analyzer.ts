/** A real analyzer for Node tests: wasm backend, models read from the repo's models/ (where the module names them). */
import { createFaceAnalyzer, type AnalyzerInternals } from '../../src/analyzer/create-analyzer';
import { decodeImage } from '../../src/node/decode';
import { fileFetch } from '../../src/node/file-fetch';
import type { AnalyzerOptions, FaceAnalyzer } from '../../src/analyzer/api';

export const MODELS_DIR = new URL('../../models/', import.meta.url);

export const nodeAnalyzer = (options: AnalyzerOptions & AnalyzerInternals = {}): Promise<FaceAnalyzer> =>
  createFaceAnalyzer({
    backend: 'wasm',
    fetch: fileFetch,
    decode: decodeImage,
    ...options,
  });
