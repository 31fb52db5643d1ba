// Compiled by tsc --strict under each moduleResolution an app may use: the package's types
// must resolve and describe the API as the README shows it.
import { createFaceAnalyzer, FaceAnalyzeError, type AnalyzeResponse, type FaceShape } from 'faceshape';

export async function firstPupil(url: string): Promise<{ x: number; y: number } | undefined> {
  const analyzer = await createFaceAnalyzer({ backend: 'auto', maxFaces: 3 });
  try {
    const res: AnalyzeResponse = await analyzer.analyze({ image_url: url, mode: 0, face_model_version: '3.0' });
    const face: FaceShape | undefined = res.face_shape_set[0];
    return face?.left_pupil[0];
  } catch (e) {
    if (e instanceof FaceAnalyzeError) console.log(e.toJSON().error.code);
    return undefined;
  } finally {
    analyzer.close();
  }
}
