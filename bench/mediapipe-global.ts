/**
 * Stands in for the `@mediapipe/face_mesh` ES import: the package is a classic script that
 * defines window.FaceMesh. Only the `mediapipe` engine of the bench loads that script.
 */
import type { FaceMesh as FaceMeshClass } from '@mediapipe/face_mesh';

export const FaceMesh = (globalThis as { FaceMesh?: typeof FaceMeshClass }).FaceMesh;
