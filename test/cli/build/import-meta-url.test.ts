import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DIR, mirroredUrlExpression } from '../../../cli/build/import-meta-url.js';

/** The value of the expression in a bundle file at `fileUrl`, evaluated as its `import.meta.url`. */
function evaluate(rel: string, fileUrl: string): string {
  const expression = mirroredUrlExpression(rel).replaceAll('import.meta.url', 'url');
  return runInNewContext(expression, { url: fileUrl, URL }) as string;
}

describe('importMetaUrlPlugin', () => {
  const root = 'file:///opt/wcc';

  it('gives a module its place in the mirrored tree, whichever bundle file holds it', () => {
    for (const file of ['dist/cli/main.js', `dist/${BUNDLE_DIR}/chunks/chunk-ABC.js`])
      expect(evaluate('engine/run/executors/pool.ts', `${root}/${file}`)).toBe(
        `${root}/dist/${BUNDLE_DIR}/engine/run/executors/pool.js`,
      );
  });

  it('finds the bundled worker and model modules where pool.ts and run-scenario.ts look', () => {
    const file = `${root}/dist/${BUNDLE_DIR}/chunks/run-XYZ.js`;
    const pool = evaluate('engine/run/executors/pool.ts', file);
    expect(new URL('../worker.js', pool).href).toBe(
      `${root}/dist/${BUNDLE_DIR}/engine/run/worker.js`,
    );
    const run = evaluate('models/run-scenario.ts', file);
    expect(new URL('./chain/simulation.js', run).href).toBe(
      `${root}/dist/${BUNDLE_DIR}/models/chain/simulation.js`,
    );
  });

  it('cuts at the last dist/ of the path (an installation may lie below another dist/)', () => {
    const deep = 'file:///home/dist/wcc';
    expect(evaluate('engine/io/paths.ts', `${deep}/dist/${BUNDLE_DIR}/chunks/chunk-A.js`)).toBe(
      `${deep}/dist/${BUNDLE_DIR}/engine/io/paths.js`,
    );
  });
});
