/**
 * The upstream cloud SDK's response shape (PascalCase, X/Y points, RequestId), for code
 * written against that SDK. Group keys come from the schema.
 */
import { GROUPS, type GroupName } from './schema';
import type { AnalyzeResponse, FaceModelVersion, FaceShape } from './types';

export interface TencentPoint {
  X: number;
  Y: number;
}

export interface TencentFaceShape {
  FaceProfile: TencentPoint[];
  LeftEye: TencentPoint[];
  RightEye: TencentPoint[];
  LeftEyeBrow: TencentPoint[];
  RightEyeBrow: TencentPoint[];
  Mouth: TencentPoint[];
  Nose: TencentPoint[];
  LeftPupil: TencentPoint[];
  RightPupil: TencentPoint[];
}

export interface TencentAnalyzeResponse {
  ImageWidth: number;
  ImageHeight: number;
  FaceShapeSet: TencentFaceShape[];
  FaceModelVersion: FaceModelVersion;
  RequestId: string;
}

type Keyed = Record<string, TencentPoint[]>;

export function toTencent(response: AnalyzeResponse, requestId: string): TencentAnalyzeResponse {
  return {
    ImageWidth: response.image_width,
    ImageHeight: response.image_height,
    FaceShapeSet: response.face_shape_set.map((face) => {
      const out: Keyed = {};
      for (const g of GROUPS) out[g.tencent] = face[g.name].map((p) => ({ X: p.x, Y: p.y }));
      return out as unknown as TencentFaceShape;
    }),
    FaceModelVersion: response.face_model_version,
    RequestId: requestId,
  };
}

export function fromTencent(response: TencentAnalyzeResponse): AnalyzeResponse {
  return {
    image_width: response.ImageWidth,
    image_height: response.ImageHeight,
    face_model_version: response.FaceModelVersion,
    face_shape_set: response.FaceShapeSet.map((face) => {
      const out = {} as FaceShape;
      for (const g of GROUPS) out[g.name as GroupName] = (face as unknown as Keyed)[g.tencent]!.map((p) => ({ x: p.X, y: p.Y }));
      return out;
    }),
  };
}
