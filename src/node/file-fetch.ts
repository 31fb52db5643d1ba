/**
 * A fetch for Node that also reads file: URLs, so the analyzer can load its models from disk
 * (Node's own fetch refuses file:). Everything else goes to `next`.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const withFileUrls =
  (next: typeof fetch): typeof fetch =>
  async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith('file:')) return next(input, init);
    try {
      const bytes = await readFile(fileURLToPath(url));
      return new Response(bytes, { status: 200 });
    } catch {
      return new Response(null, { status: 404, statusText: 'Not Found' });
    }
  };

export const fileFetch: typeof fetch = withFileUrls((input, init) => fetch(input, init));
