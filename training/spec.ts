/**
 * The map that ships, chosen by cross-validation on faces-train (experiments not kept): inputs
 * the fixed rules' 90 points only. Adding the face-oval vertices with depth, or those times
 * the head's turn, or a third of the mesh, changed the CV error by under 0.05 points while
 * doubling to quadrupling the file; λ 1e-5 beat 1e-4 and 1e-6.
 *
 * The refinement on the pixels (3.0, all faces, CV mean; the map alone 3.98 %): one stage with
 * squares of half side 0.3, 0.2, 0.12, 0.08 eye distances gave 3.90, 3.83, 3.77, 3.77 %; two
 * stages of 0.12, 3.74 %; 0.15 then 0.08, 3.71 %; a third stage (0.2, 0.12, 0.06) 3.69 %, not
 * worth half as much file and time again. On a quicker proxy, λ 0.003 beat 0.001 and 0.01, and
 * each point moved by its own histograms did as well as every point moved by all points'
 * histograms together (a file 88 times larger).
 *
 * What limits it (2026-12-02, 3.0, 10 folds by photo; mean error of all 88 fitted points after
 * one stage from the out-of-fold map, eye-corner distances; the map alone 3.36 %, 300-W 2.86,
 * infants 6.37): this stage as shipped 3.24 %; a patch of 256² instead of 128² 3.23 %; the
 * histograms at 0.08, 0.15 and 0.3 together 3.19 %; a two-layer network over the histograms
 * (64 units, shared by the points, each with its own input offset and output) 3.28 %, worse
 * than the linear reading; boosted regression trees on 1,000 differences of shape-indexed pixels
 * (as dlib's trees read) and the start shape, 10 shape modes, 3.39 %, worse than not moving.
 * On the map's side: an RBF kernel on the linear map's residual 3.37–3.45 %; a map of its own
 * for infants, told which faces are infants, 300-W 2.79 and infants 6.60 % (worse); face-api's
 * 68-point network (350 kB; 480 ms a face on TF.js's cpu backend, not timed on wasm) as more inputs 3.35 %, 300-W 2.79, infants 6.68 %.
 * 1,188 adult faces and 196 infants carry no more than this for any model tried here.
 */
import type { MapSpec } from './cv';

export const SHIPPED: MapSpec = { vertices: [], turn_vertices: [], lambda: 1e-5, screen: 0.12, refine: { radii: [0.15, 0.08], lambda: 0.003 } };
