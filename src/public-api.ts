/** What the package exports, in the browser and in Node alike (the entries add what differs). */
export { createFaceAnalyzer } from './analyzer/create-analyzer';
export { FaceAnalyzeError, ERROR_CODES, type ErrorCode, type ErrorEnvelope } from './contract/errors';
export { GROUPS, GROUP_NAMES, POINT_COUNT, type GroupName, type GroupSpec } from './contract/schema';
export { responseProblems } from './contract/validate-response';
export { toTencent, fromTencent, type TencentAnalyzeResponse, type TencentFaceShape, type TencentPoint } from './contract/tencent';
export { MIN_SIDE, MAX_SIDE, MAX_PIXELS, type ImageDecoder, type RgbaPixels } from './image/image-input';
export { HOSTED_API_ENDPOINT } from './shim/endpoint';
export { installFetchShim, type FetchShimOptions, type UninstallFetchShim } from './shim/fetch-shim';
export { serveFaceAnalyze, type ServeOptions, type ServiceWorkerScope, type ExtendableEventLike, type FetchEventLike } from './shim/service-worker';
export { createWorkerAnalyzer } from './worker/client';
export { type WorkerAnalyzerOptions } from './worker/options';
export { serveAnalyzerWorker, type AnalyzerWorkerScope, type ServeAnalyzerOptions } from './worker/host';
export type { AnalyzeRequest, AnalyzeResponse, FaceModelVersion, FaceShape, ImageInput, Point } from './contract/types';
export type {
  AnalyzerOptions,
  AnalyzerStats,
  Backend,
  BackendChange,
  FaceAnalyzer,
  FollowedFrame,
  FollowOptions,
  FollowSource,
  LoadProgress,
  SmoothingParams,
  TrackOptions,
} from './analyzer/api';
