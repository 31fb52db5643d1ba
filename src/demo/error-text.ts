/** What to tell a person when an analysis fails, from the error envelope. */
import type { ErrorEnvelope } from '/faceshape.js';

const HINTS: Partial<Record<ErrorEnvelope['error']['code'], string>> = {
  api_error: 'Check the address. Images on other sites load only if that site allows it (CORS).',
  image_decode_failed: 'The file may be damaged or incomplete.',
  invalid_image_url: 'Give an http(s) address of an image.',
};

export function describeError(envelope: ErrorEnvelope, what: string): { title: string; detail: string } {
  const hint = HINTS[envelope.error.code];
  const message = envelope.error.message;
  // Some messages are the API's terse ones ("fetch failed"): end them as a sentence before the hint.
  const sentence = /[.!?)]$/.test(message) ? message : `${message}.`;
  return { title: `Could not analyse ${what}`, detail: hint ? `${sentence} ${hint}` : message };
}
