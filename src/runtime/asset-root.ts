/**
 * Where models/ and wasm/ are, relative to this module: the build puts them next to
 * faceshape.js ("./"); in the source tree they sit two levels above src/runtime/ ("../../").
 */
declare const __FACESHAPE_ASSET_ROOT__: string | undefined;

export const assetRoot = (): URL =>
  new URL(typeof __FACESHAPE_ASSET_ROOT__ === 'string' ? __FACESHAPE_ASSET_ROOT__ : '../../', import.meta.url);
