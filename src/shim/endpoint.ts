/** Which requests the shim and the service worker answer: the hosted API's analyze URL. */

/** The URL of the hosted face analyze API, as its documentation's curl example calls it. */
export const HOSTED_API_ENDPOINT = 'https://api.acedata.cloud/face/analyze';

const withoutTrailingSlash = (path: string): string => (path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path);

/**
 * A test for "is this request URL the endpoint": same origin and path, whatever the query or
 * fragment (clients add their own query strings). A relative endpoint is resolved against base.
 */
export function endpointMatcher(endpoint: string | URL, base?: string): (url: string) => boolean {
  const target = new URL(String(endpoint), base);
  const path = withoutTrailingSlash(target.pathname);
  return (url) => {
    let u: URL;
    try {
      u = new URL(url, base);
    } catch {
      return false;
    }
    return u.origin === target.origin && withoutTrailingSlash(u.pathname) === path;
  };
}
