/** What the page gives the engine and gets back. */
import type { AnalyzeRequest, AnalyzeResponse, ErrorEnvelope } from '/faceshape.js';

/** A request of the page: an image_url, or an image as a Blob or ImageBitmap. */
export type EngineRequest = Omit<AnalyzeRequest, 'image' | 'output'> & { image?: Blob | ImageBitmap };

/** What one call gave: the module's response or its error envelope, and the time it took. */
export type Outcome = { ok: true; response: AnalyzeResponse; ms: number } | { ok: false; error: ErrorEnvelope; ms: number };
