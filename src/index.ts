/** faceshape: 90 facial key points in the hosted face analyze API's JSON, in the page. */
export { createFaceAnalyzer } from './analyzer';
export { FaceAnalyzeError, ERROR_CODES, type ErrorCode, type ErrorEnvelope } from './errors';
export { GROUPS, GROUP_NAMES, POINT_COUNT, type GroupName, type GroupSpec } from './schema';
export { responseProblems } from './validate-response';
export { toTencent, fromTencent, type TencentAnalyzeResponse, type TencentFaceShape, type TencentPoint } from './tencent';
export { MIN_SIDE, MAX_SIDE, MAX_PIXELS, type ImageDecoder, type RgbaPixels } from './image-input';
export { HOSTED_API_ENDPOINT } from './shim/endpoint';
export { installFetchShim, type FetchShimOptions, type UninstallFetchShim } from './shim/fetch-shim';
export { serveFaceAnalyze, type ServeOptions, type ServiceWorkerScope, type ExtendableEventLike, type FetchEventLike } from './shim/service-worker';
export { createWorkerAnalyzer } from './worker/client';
export { type WorkerAnalyzerOptions } from './worker/options';
export { serveAnalyzerWorker, type AnalyzerWorkerScope, type ServeAnalyzerOptions } from './worker/host';
export type {
  AnalyzeRequest,
  AnalyzeResponse,
  AnalyzerOptions,
  AnalyzerStats,
  Backend,
  BackendChange,
  FaceAnalyzer,
  FaceModelVersion,
  FaceShape,
  ImageInput,
  LoadProgress,
  Point,
  TrackOptions,
} from './types';
