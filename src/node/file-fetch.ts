/**
 * A fetch for Node that also reads file: URLs, so the analyzer can load its models from disk
 * (Node's own fetch refuses file:). Everything else goes to the global fetch.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const fileFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!url.startsWith('file:')) return fetch(input, init);
  try {
    const bytes = await readFile(fileURLToPath(url));
    return new Response(bytes, { status: 200 });
  } catch {
    return new Response(null, { status: 404, statusText: 'Not Found' });
  }
};
