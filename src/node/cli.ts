/**
 * The faceshape command (`npx faceshape photo.jpg … > out.jsonl`): the analyzer on the wasm
 * backend in Node, reading its models from disk, one `{"file", "response"}` line per photo on
 * stdout (as the demo's batch download), so an error envelope can be matched to its photo.
 * stdout carries only those lines, so it can be piped; everything for people goes to stderr.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createFaceAnalyzer } from '../analyzer/create-analyzer';
import { FaceAnalyzeError, toFaceAnalyzeError, type ErrorEnvelope } from '../contract/errors';
import type { AnalyzeResponse } from '../contract/types';
import type { FaceAnalyzer } from '../analyzer/api';
import type { TencentAnalyzeResponse } from '../contract/tencent';
import { parseCliOptions, USAGE, UsageError, type RequestFields } from './cli-options';
import { decodeImage } from './decode';
import { fileFetch } from './file-fetch';
import { progressLine } from './progress-bar';

type Line = AnalyzeResponse | TencentAnalyzeResponse | ErrorEnvelope;

/** One line of output: the photo as it was named on the command line, and its answer. */
export interface CliLine {
  file: string;
  response: Line;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};

async function analyzeFile(analyzer: FaceAnalyzer, file: string, request: RequestFields): Promise<Line> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    // The local counterpart of an image_url that cannot be fetched.
    const code = (e as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? (e as Error).message;
    return new FaceAnalyzeError('api_error', `fetch failed: cannot read ${file}: ${reason}`, { cause: e }).toJSON();
  }
  try {
    return await analyzer.analyze({ ...request, image: new Blob([bytes as BlobPart]) });
  } catch (e) {
    return toFaceAnalyzeError(e).toJSON();
  }
}

/** Writes one line, waiting while the pipe is full; false once the reader has gone (EPIPE). */
function writeLine(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    process.stdout.write(`${text}\n`, (error) => resolve(!error));
  });
}

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseCliOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`faceshape: ${e.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const { files, request } = options;
  const tty = process.stderr.isTTY === true;
  const status = (text: string): void => {
    if (tty) process.stderr.write(`\r\x1b[K${text}`);
  };
  // A reader that stops early (| head) closes the pipe; writeLine reports it, so ignore the event.
  process.stdout.on('error', () => undefined);

  status('faceshape: loading models…');
  let answer: (file: string) => Promise<Line>;
  let close = (): void => undefined;
  try {
    const analyzer = await createFaceAnalyzer({ backend: 'wasm', fetch: fileFetch, decode: decodeImage });
    answer = (file) => analyzeFile(analyzer, file, request);
    close = () => analyzer.close();
  } catch (e) {
    // Every photo still gets its line, so lines and photos stay paired.
    const envelope = toFaceAnalyzeError(e).toJSON();
    status('');
    process.stderr.write(`faceshape: ${envelope.error.message}\n`);
    answer = () => Promise.resolve(envelope);
  }

  let failed = 0;
  for (const [i, file] of files.entries()) {
    status(progressLine(i, files.length, basename(file), process.stderr.columns || 80));
    const response = await answer(file);
    if ('success' in response) failed++;
    const line: CliLine = { file, response };
    if (!(await writeLine(JSON.stringify(line)))) break;
  }
  close();
  status(`${files.length - failed}/${files.length} photos answered${failed ? `, ${failed} failed` : ''}\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
