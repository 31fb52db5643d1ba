/** Plain words for the ways getUserMedia fails. */
export function cameraErrorMessage(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. Allow the camera for this page in the browser’s site settings, then try again.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found. Connect a camera and try again.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera could not be started: another application may be using it.';
    case 'InsecureContext':
      return 'The camera needs a secure page: open this page over https or from localhost.';
    default:
      return `The camera could not be started (${String((error as Error | null)?.message ?? error)}).`;
  }
}
