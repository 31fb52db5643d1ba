/**
 * createFaceAnalyzer(): the public engine. It hides TF.js, the backends and the models behind
 * the hosted API's request and response, answers one call at a time, and frees everything on
 * close(). The parts: options.ts (checked options), engine.ts (models, backend, recovery),
 * serial-queue.ts (one call at a time), tracker.ts (what track() keeps between frames).
 */
import * as tf from '@tensorflow/tfjs-core';
import { FaceAnalyzeError, newTraceId, toFaceAnalyzeError } from '../contract/errors';
import { validateRequest } from '../contract/request';
import { toTencent, type TencentAnalyzeResponse } from '../contract/tencent';
import type { AnalyzeRequest, AnalyzeResponse, FaceModelVersion, FaceShape, ImageInput } from '../contract/types';
import { readImage, shrinkTo, type ImageDecoder, type Pixels } from '../image/image-input';
import { toTensor, WORK_SIDE } from '../image/image-tensor';
import { distinctFaces, findFaces } from '../pipeline/face-finder';
import { meshesInSpan, type SpanMeshes } from '../pipeline/follow';
import { runLandmarks, type MeshResult } from '../pipeline/landmarker';
import type { FittedMap } from '../shape/fitted-map';
import { boundingBox, type Vec3 } from '../shape/geometry';
import { facePoints, flatPoints, fromFlat, roundedFace, steadyFace, type FacePoints } from '../shape/face-shape';
import { patchBox, type GrayPatch, type PatchBox } from '../shape/face-patch';
import { grayPatch } from '../pipeline/gray-patch';
import { frameTimeMs } from '../image/frame-time';
import type { AnalyzerOptions, AnalyzerStats, Backend, FaceAnalyzer, TrackOptions } from './api';
import { startEngine, type MeshModel } from './engine';
import { resolveOptions } from './options';
import { SerialQueue } from './serial-queue';
import { frameTimeSec, smoothingParams } from './smoothing';
import { Tracker } from './tracker';
import { followOnPage } from './follow-video';

export interface AnalyzerInternals {
  /** For Node and other runtimes without createImageBitmap. */
  decode?: ImageDecoder;
  /** Sees each answer's dense meshes (image pixels, in face_shape_set order): training/ fits the point map on them. */
  onMeshes?: (meshes: Vec3[][]) => void;
}

export async function createFaceAnalyzer(options: AnalyzerOptions & AnalyzerInternals = {}): Promise<FaceAnalyzer> {
  try {
    return await startAnalyzer(options);
  } catch (e) {
    throw toFaceAnalyzeError(e);
  }
}

/** The faces' meshes in pixels of the image as given (the work tensor's divided by `scale`). */
const inImage = (faces: readonly MeshResult[], scale: number): Vec3[][] =>
  faces.map((f) => f.mesh.map((p) => ({ x: p.x / scale, y: p.y / scale, z: p.z / scale })));

/** Runs `work` on the image as the models' tensor (shrunk to the work size), then frees both. */
async function withImage<T>(pixels: Pixels, work: (image: tf.Tensor3D, scale: number) => Promise<T>): Promise<T> {
  let image: tf.Tensor3D | undefined;
  let working = pixels;
  try {
    working = await shrinkTo(pixels, WORK_SIDE);
    const t = toTensor(working);
    image = t.image;
    return await work(t.image, t.scale);
  } finally {
    image?.dispose();
    working.release();
  }
}

async function startAnalyzer(options: AnalyzerOptions & AnalyzerInternals): Promise<FaceAnalyzer> {
  const opts = resolveOptions(options);
  const engine = await startEngine({ ...opts, onProgress: options.onProgress, onBackendChange: options.onBackendChange });
  const { maxFaces } = opts;
  const inputContext = { fetch: opts.fetch, timeoutMs: opts.fetchTimeoutMs, decode: options.decode };
  const queue = new SerialQueue();
  const tracker = new Tracker();
  let closed = false;
  let stopFollowing: (() => void) | undefined;

  /**
   * `cut` reads a face's grey patch for the point refinement, from whatever holds the frame's
   * pixels now; `steady` (video) turns the faces as found into those answered.
   */
  const respond = (
    pixels: Pixels,
    version: FaceModelVersion,
    pointMap: FittedMap,
    meshes: Vec3[][],
    cut: (box: PatchBox) => GrayPatch,
    steady: (found: FacePoints[]) => FaceShape[] = (found) => found.map(roundedFace),
  ): AnalyzeResponse => {
    options.onMeshes?.(meshes);
    return {
      image_width: pixels.width,
      image_height: pixels.height,
      face_model_version: version,
      face_shape_set: steady(meshes.map((m) => facePoints(m, pointMap, cut(patchBox(m))))),
    };
  };

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new FaceAnalyzeError('analyzer_closed');
    try {
      return await queue.run(async () => {
        if (closed) throw new FaceAnalyzeError('analyzer_closed');
        return engine.run(work);
      });
    } catch (e) {
      throw toFaceAnalyzeError(e);
    }
  };

  /** Runs the detectors for faces not followed yet: only new faces need a mesh. */
  const lookForNewFaces = async (image: tf.Tensor3D, mesh: MeshModel, followed: MeshResult[], limit: number): Promise<MeshResult[]> => {
    tracker.detected();
    const known = followed.map((f) => boundingBox(f.mesh));
    const fresh = await findFaces(engine.detectors, mesh, image, { rotate: false, maxFaces: limit, known, budget: tracker.searchBudget(), upright: mesh.upright });
    return distinctFaces([...followed, ...fresh], limit);
  };

  const analyze = (request: AnalyzeRequest): Promise<AnalyzeResponse | TencentAnalyzeResponse> =>
    guard(async () => {
      const req = validateRequest(request);
      const mesh = await engine.landmarker(req.version);
      const pixels = await readImage(req.source, inputContext);
      const response = await withImage(pixels, async (image, scale) => {
        const faces = await findFaces(engine.detectors, mesh, image, { rotate: req.rotate, maxFaces: req.mode === 1 ? 1 : maxFaces, upright: mesh.upright });
        return respond(pixels, req.version, mesh.pointMap, inImage(faces, scale), (box) => grayPatch(image, box, scale));
      });
      return req.output === 'tencent' ? toTencent(response, newTraceId()) : response;
    });

  const track = (frame: ImageInput, trackOptions: TrackOptions = {}): Promise<AnalyzeResponse> =>
    guard(async () => {
      const req = validateRequest({ image: frame, mode: trackOptions.mode, face_model_version: trackOptions.face_model_version });
      const smoothing = smoothingParams(trackOptions.smoothing);
      const limit = req.mode === 1 ? 1 : maxFaces;
      const mesh = await engine.landmarker(req.version);
      const timeSec = frameTimeSec(trackOptions.timestamp, frameTimeMs(frame), tracker.nextFrame());
      const pixels = await readImage(req.source, inputContext);
      const settle = (scale: number, faces: MeshResult[], cut: (box: PatchBox) => GrayPatch): AnalyzeResponse => {
        // The next crops come from the meshes as found: smoothed ones would trail a moving face.
        tracker.follow(faces, scale);
        // The answer's points are what is smoothed, the refinement's moves on the pixels included.
        return respond(pixels, req.version, mesh.pointMap, inImage(faces, scale), cut, (found) => {
          const smoothed = tracker.smooth(found.map((face) => flatPoints(face)), timeSec, smoothing);
          return found.map((face, i) => steadyFace(face, fromFlat(smoothed[i]!)));
        });
      };
      // WebGL uploads whole frames as textures cheaply; on the CPU backends the followed faces
      // of a frame no larger than the work size (so at scale 1) read just the pixels their
      // crops need, and the whole frame is read only when the detectors must look.
      let followed: MeshResult[] | null = null;
      if (tracker.following && engine.backend !== 'webgl' && Math.max(pixels.width, pixels.height) <= WORK_SIDE) {
        let found: SpanMeshes;
        try {
          found = await meshesInSpan(mesh, pixels, tracker.cropsAt(1));
        } catch (e) {
          pixels.release();
          throw e;
        }
        try {
          followed = distinctFaces(found.meshes, limit);
          if (!tracker.detectionDue(followed.length, limit)) {
            try {
              return settle(1, followed, found.patch);
            } finally {
              pixels.release();
            }
          }
        } finally {
          found.dispose();
        }
      }
      return withImage(pixels, async (image, scale) => {
        let faces = followed ?? (tracker.following ? distinctFaces(await runLandmarks(mesh, image, tracker.cropsAt(scale)), limit) : []);
        if (tracker.detectionDue(faces.length, limit)) faces = await lookForNewFaces(image, mesh, faces, limit);
        return settle(scale, faces, (box) => grayPatch(image, box, scale));
      });
    });

  return {
    get backend(): Backend {
      return engine.backend;
    },
    stats(): AnalyzerStats {
      const { numTensors, numBytes } = tf.memory();
      return { numTensors, numBytes };
    },
    analyze: analyze as FaceAnalyzer['analyze'],
    track,
    follow(source, onFrame, followOptions = {}) {
      stopFollowing?.();
      tracker.reset();
      const stop = followOnPage(source, (frame, o) => track(frame, o), onFrame, followOptions);
      stopFollowing = stop;
      return () => {
        stop();
        if (stopFollowing === stop) stopFollowing = undefined;
      };
    },
    resetTracking(): void {
      tracker.reset();
    },
    close(): void {
      if (closed) return;
      closed = true;
      stopFollowing?.();
      void queue.run(() => engine.dispose());
    },
  };
}
