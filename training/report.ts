/** The figures of issue 13 for a set of faces and their points: overall, by region, by head turn, infants apart. */
import type { FaceShape } from '../src/contract/types';
import { SHARED_REGIONS, sharedPointError } from '../test/support/nme';
import { levelled, orderProblems } from '../src/shape/point-order';
import type { Sample } from './dataset';

export interface Figures {
  faces: number;
  mean: number;
  median: number;
  over8: number;
  byRegion: Record<string, number>;
  order: number;
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

export function figures(samples: readonly Sample[], shapes: readonly FaceShape[]): Figures {
  const errs = samples.map((s, i) => sharedPointError(shapes[i]!, s.face.points as [number, number][]));
  const nmes = errs.map((e) => e.nme).sort((a, b) => a - b);
  const avg = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    faces: samples.length,
    mean: avg(nmes),
    median: nmes[Math.floor(nmes.length / 2)] ?? NaN,
    over8: nmes.filter((e) => e > 0.08).length,
    byRegion: Object.fromEntries(SHARED_REGIONS.map((r) => [r, avg(errs.map((e) => e.byRegion[r]!))])),
    order: shapes.filter((f) => orderProblems(levelled(f)).length > 0).length,
  };
}

export const YAW_BINS: [string, (yaw: number) => boolean][] = [
  ['yaw < 15°', (y) => Math.abs(y) < 15],
  ['yaw 15–35°', (y) => Math.abs(y) >= 15 && Math.abs(y) <= 35],
  ['yaw > 35°', (y) => Math.abs(y) > 35],
];

/** One table: all faces, 300-W (HELEN + AFW), the yaw bins of 300-W, infants. */
export function table(samples: readonly Sample[], shapes: readonly FaceShape[]): string {
  const rows: [string, (s: Sample) => boolean][] = [
    ['all', () => true],
    ['300-W (helen+afw)', (s) => s.face.set !== 'infant'],
    ...YAW_BINS.map(([name, inBin]): [string, (s: Sample) => boolean] => [`300-W ${name}`, (s) => s.face.set !== 'infant' && inBin(s.yaw)]),
    ['infants', (s) => s.face.set === 'infant'],
  ];
  const head = `${'faces'.padEnd(22)} ${'n'.padStart(5)} ${'mean'.padStart(7)} ${'median'.padStart(7)} ${'>8%'.padStart(4)} ${SHARED_REGIONS.map((r) => r.padStart(7)).join('')} order`;
  const lines = rows.map(([name, keep]) => {
    const idx = samples.flatMap((s, i) => (keep(s) ? [i] : []));
    const f = figures(idx.map((i) => samples[i]!), idx.map((i) => shapes[i]!));
    return `${name.padEnd(22)} ${String(f.faces).padStart(5)} ${pct(f.mean).padStart(7)} ${pct(f.median).padStart(7)} ${String(f.over8).padStart(4)} ${SHARED_REGIONS.map((r) => pct(f.byRegion[r]!).padStart(7)).join('')} ${f.order}`;
  });
  return [head, ...lines].join('\n');
}
