// The same in plain Node: import the package by name and analyse one photo.
import { readFile } from 'node:fs/promises';
import { createFaceAnalyzer } from 'faceshape';

const analyzer = await createFaceAnalyzer();
const res = await analyzer.analyze({ image: new Blob([await readFile(process.argv[2])]), mode: 1 });
const face = res.face_shape_set[0];
console.log(JSON.stringify({ backend: analyzer.backend, width: res.image_width, faces: res.face_shape_set.length, points: face ? Object.values(face).flat().length : 0 }));
analyzer.close();
