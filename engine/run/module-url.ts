/** Maps a module URL to the JavaScript a worker thread can import. */
import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative, join } from 'node:path';
import { packageRoot } from '../io/paths.js';

/**
 * `url` itself when it is JavaScript; for a TypeScript source file (tests run the sources),
 * the matching file of the build in `dist/`.
 */
export function runnableModuleUrl(url: string): string {
  if (!url.endsWith('.ts')) return url;
  const root = packageRoot();
  const rel = relative(root, fileURLToPath(url));
  return pathToFileURL(join(root, 'dist', rel.replace(/\.ts$/, '.js'))).href;
}
