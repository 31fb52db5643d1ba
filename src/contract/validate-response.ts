/** Checks a response against the contract read from the schema: keys, order, sizes, integers. */
import { GROUPS } from './schema';

export function responseProblems(response: unknown): string[] {
  const problems: string[] = [];
  const r = response as Record<string, unknown>;
  if (typeof r !== 'object' || r === null) return ['the response is not an object'];
  const keys = Object.keys(r);
  const expected = ['image_width', 'image_height', 'face_model_version', 'face_shape_set'];
  if (keys.join() !== expected.join()) problems.push(`top-level keys are ${keys.join(', ')}, expected ${expected.join(', ')}`);
  for (const k of ['image_width', 'image_height']) {
    if (!Number.isInteger(r[k]) || (r[k] as number) <= 0) problems.push(`${k} is not a positive integer`);
  }
  if (r.face_model_version !== '3.0' && r.face_model_version !== '2.0') problems.push('face_model_version is not "3.0" or "2.0"');
  if (!Array.isArray(r.face_shape_set)) return [...problems, 'face_shape_set is not an array'];
  r.face_shape_set.forEach((face: Record<string, unknown>, i: number) => {
    const names = GROUPS.map((g) => g.name);
    if (Object.keys(face).join() !== names.join()) problems.push(`face ${i} keys are ${Object.keys(face).join(', ')}`);
    for (const g of GROUPS) {
      const pts = face[g.name];
      if (!Array.isArray(pts) || pts.length !== g.size) {
        problems.push(`face ${i} ${g.name} has ${Array.isArray(pts) ? pts.length : 'no'} points, expected ${g.size}`);
        continue;
      }
      pts.forEach((p: Record<string, unknown>, j: number) => {
        if (Object.keys(p).join() !== 'x,y' || !Number.isInteger(p.x) || !Number.isInteger(p.y)) {
          problems.push(`face ${i} ${g.name}[${j}] is not {x:int, y:int}`);
        }
      });
    }
  });
  return problems;
}
