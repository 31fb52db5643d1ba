import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pipelineStamp } from '../../training/cache-stamp';

let root = '';
const put = (path: string, text: string): void => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the training cache stamp', () => {
  it('changes with the code and models that cut the meshes, not with what training writes', () => {
    root = mkdtempSync(join(tmpdir(), 'stamp-'));
    put('src/pipeline/landmarker.ts', 'a');
    put('src/shape/face-patch.ts', 'b');
    put('models/facemesh.bin', 'c');
    put('models/fitted-map-3.0.json', 'd');
    put('models/manifest.json', 'e');
    put('src/shape/fitted-map.ts', 'f');
    const first = pipelineStamp(root);
    expect(first).toMatch(/^[0-9a-f]{64}$/);

    put('models/fitted-map-3.0.json', 'd2');
    put('models/manifest.json', 'e2');
    put('src/shape/fitted-map.ts', 'f2');
    expect(pipelineStamp(root)).toBe(first);

    for (const [path, text] of [['src/pipeline/landmarker.ts', 'a2'], ['src/shape/face-patch.ts', 'b2'], ['models/facemesh.bin', 'c2']] as const) {
      const before = pipelineStamp(root);
      put(path, text);
      expect(pipelineStamp(root), path).not.toBe(before);
    }
  });
});
