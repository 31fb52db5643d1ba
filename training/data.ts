/** Where the training data and its cache live, and how faces group into photos for folds. */
export const FACES_TRAIN = new URL('../../shared/faces-train/', import.meta.url).pathname;
export const CACHE_DIR = new URL('./cache/', import.meta.url).pathname;

export interface TrainRow {
  file: string;
  annotation: string;
  set: 'helen' | 'afw' | 'infant';
  path: string;
}

export interface CachedFace {
  file: string;
  set: TrainRow['set'];
  /** Faces cropped from one photo share this: they must fall in one fold. */
  photo: string;
  /** The 68 iBUG points placed by people, crop pixels. */
  points: number[][];
  /** x, y, z of every mesh vertex (crop pixels), or null where no face was found. */
  mesh: number[] | null;
}

/** The source photo of a crop: 300-W names crops photo_N (group photos give several faces). */
export function photoOf(row: TrainRow): string {
  const source = row.path.split(' + ')[0]!;
  return row.set === 'infant' ? source : source.replace(/_\d+\.jpg$/, '');
}
