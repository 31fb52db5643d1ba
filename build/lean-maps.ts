/**
 * A build plugin for the shipped source maps: they keep our sources for debugging, not those
 * of our dependencies (TF.js alone is 9 MB of them). A dependency's entry still maps
 * positions, with one line saying where its text is instead: an entry with no text at all
 * makes an app's dev server warn that the file is missing.
 */
import type { Plugin } from 'vite';

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
}

const elsewhere = (source: string): string =>
  `// ${source.slice(source.lastIndexOf('node_modules/') + 'node_modules/'.length)}: not shipped with faceshape; see that package.\n`;

export function leanMaps(): Plugin {
  return {
    name: 'faceshape-lean-maps',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'asset' || !file.fileName.endsWith('.map')) continue;
        const map = JSON.parse(String(file.source)) as SourceMap;
        map.sourcesContent = map.sourcesContent?.map((text, i) => (map.sources[i]!.includes('node_modules/') ? elsewhere(map.sources[i]!) : text));
        file.source = JSON.stringify(map);
      }
    },
  };
}
