import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDigest } from '../../../engine/io/data-digest.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wcc-digest-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('dataDigest', () => {
  it('is SHA-256 over each file in name order as name, NUL, length, NUL, bytes', () => {
    const dir = folder({ 'b.json': 'xy', 'a.arrow': '' });
    mkdirSync(join(dir, 'sub'));
    const expected = createHash('sha256')
      .update('a.arrow\u00000\u0000b.json\u00002\u0000xy')
      .digest('hex');
    expect(dataDigest(dir)).toBe(expected);
  });

  it('changes with any byte, and with a file moved from one name to another', () => {
    const base = dataDigest(folder({ a: 'xy', b: 'z' }));
    expect(dataDigest(folder({ a: 'xy', b: 'y' }))).not.toBe(base);
    expect(dataDigest(folder({ a: 'x', b: 'yz' }))).not.toBe(base);
    expect(dataDigest(folder({ a: 'xy', c: 'z' }))).not.toBe(base);
  });

  it('digests the built data by default', () => {
    expect(dataDigest()).toMatch(/^[0-9a-f]{64}$/);
    expect(dataDigest()).toBe(dataDigest());
  });
});
