/**
 * The 90-point contract of the hosted face analyze API, as data. The mapping, the validator,
 * the overlay and the README table all read this: change the contract here and nowhere else.
 */

export const GROUP_NAMES = [
  'face_profile',
  'left_eye',
  'right_eye',
  'left_eye_brow',
  'right_eye_brow',
  'mouth',
  'nose',
  'left_pupil',
  'right_pupil',
] as const;

export type GroupName = (typeof GROUP_NAMES)[number];

export interface GroupSpec {
  readonly name: GroupName;
  readonly size: number;
  /** How the points run, in the words of the spec's point-order table ("left" = image-left). */
  readonly order: string;
  /** Index runs drawn as connected polylines (each a list of point indices). */
  readonly lines: readonly (readonly number[])[];
  /** Overlay colour, one per group so the nine groups read apart. */
  readonly color: string;
  /** The group's key in the upstream cloud SDK's response (`output: 'tencent'`). */
  readonly tencent: string;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** A closed ring 0..n-1 back to 0. */
const ring = (n: number): number[] => [...range(0, n - 1), 0];

export const GROUPS: readonly GroupSpec[] = [
  {
    name: 'face_profile',
    size: 21,
    order: 'image-left side at eye-corner height (0), down the jaw, chin (10), up to the image-right side (20)',
    lines: [range(0, 20)],
    color: '#f2f2f2',
    tencent: 'FaceProfile',
  },
  {
    name: 'left_eye',
    size: 8,
    order: '0 outer corner, 1-3 lower lid inward, 4 inner corner, 5-7 upper lid back out',
    lines: [ring(8)],
    color: '#3b82f6',
    tencent: 'LeftEye',
  },
  {
    name: 'right_eye',
    size: 8,
    order: 'mirror of left_eye: 0 outer (image-right) corner, 1-3 lower lid inward, 4 inner corner, 5-7 upper lid',
    lines: [ring(8)],
    color: '#06b6d4',
    tencent: 'RightEye',
  },
  {
    name: 'left_eye_brow',
    size: 8,
    order: '0 outer end, 1-3 lower edge inward, 4 inner end, 5-7 upper edge back out',
    lines: [ring(8)],
    color: '#16a34a',
    tencent: 'LeftEyeBrow',
  },
  {
    name: 'right_eye_brow',
    size: 8,
    order: 'mirror of left_eye_brow',
    lines: [ring(8)],
    color: '#84cc16',
    tencent: 'RightEyeBrow',
  },
  {
    name: 'mouth',
    size: 22,
    order:
      'outer lip 0-11: 0 left corner, 1-5 lower lip left to right, 6 right corner, 7-11 upper lip right to left; ' +
      'inner lip 12-21: 12-16 lower inner edge left to right, 17-21 upper inner edge right to left',
    lines: [ring(12), [...range(12, 21), 12]],
    color: '#ef4444',
    tencent: 'Mouth',
  },
  {
    name: 'nose',
    size: 13,
    order:
      '0 tip, 1 top of the bridge, 2-4 down the image-left side, 5 left wing, 6-8 base left to right ' +
      '(7 below the tip), 9 right wing, 10-12 back up the image-right side',
    lines: [range(1, 12), [0, 7]],
    color: '#d946ef',
    tencent: 'Nose',
  },
  { name: 'left_pupil', size: 1, order: 'centre of the image-left iris', lines: [], color: '#f59e0b', tencent: 'LeftPupil' },
  { name: 'right_pupil', size: 1, order: 'centre of the image-right iris', lines: [], color: '#fb923c', tencent: 'RightPupil' },
];

export const POINT_COUNT = GROUPS.reduce((n, g) => n + g.size, 0);

export const GROUP_SIZE: Readonly<Record<GroupName, number>> = Object.fromEntries(
  GROUPS.map((g) => [g.name, g.size]),
) as Record<GroupName, number>;
