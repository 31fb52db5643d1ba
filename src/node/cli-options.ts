/** The faceshape command's arguments: photo paths and the request fields that apply to all of them. */
import { parseArgs } from 'node:util';
import type { AnalyzeRequest } from '../contract/types';

export const USAGE = `Usage: faceshape [options] photo.jpg [more.jpg …] > out.jsonl

Finds the 90 facial key points of every face in each photo (JPEG or PNG), on this machine,
and prints one response of the hosted face analyze API per line (JSON Lines), in the order
the photos were given. A photo that cannot be analysed gets the API's error envelope on its
line instead. A progress bar goes to stderr when it is a terminal.

Options:
  --mode 0|1                     0: every face (default); 1: only the largest face
  --face-model-version 3.0|2.0   the landmark model (default 3.0)
  --need-rotate-detection 0|1    1: also find faces turned by 90, 180 or 270 degrees
  --output default|tencent       tencent: the upstream cloud SDK's response shape
  -h, --help                     show this help

Exit status: 0 every photo answered, 1 one or more error envelopes, 2 bad usage.`;

export type RequestFields = Pick<AnalyzeRequest, 'mode' | 'face_model_version' | 'need_rotate_detection' | 'output'>;

export type CliOptions = { help: true } | { help: false; files: string[]; request: RequestFields };

/** Thrown for arguments the command cannot run with; the message is for the person typing. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function pick<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${flag} must be ${allowed.join(' or ')}, not ${JSON.stringify(value)}.`);
  return value as T;
}

export function parseCliOptions(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        mode: { type: 'string' },
        'face-model-version': { type: 'string' },
        'need-rotate-detection': { type: 'string' },
        output: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (positionals.length === 0) throw new UsageError('No photo given.');
  const mode = pick('mode', values.mode, ['0', '1'] as const);
  const rotate = pick('need-rotate-detection', values['need-rotate-detection'], ['0', '1'] as const);
  const request: RequestFields = {};
  if (mode !== undefined) request.mode = Number(mode) as 0 | 1;
  const version = pick('face-model-version', values['face-model-version'], ['3.0', '2.0'] as const);
  if (version !== undefined) request.face_model_version = version;
  if (rotate !== undefined) request.need_rotate_detection = Number(rotate) as 0 | 1;
  const output = pick('output', values.output, ['default', 'tencent'] as const);
  if (output !== undefined) request.output = output;
  return { help: false, files: positionals, request };
}
