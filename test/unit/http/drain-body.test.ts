import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { drainBody } from '../../../src/http/error-handler.js';

describe('drainBody: the rest of a refused body is read and dropped, within bounds', () => {
  it('resolves at the end of the body', async () => {
    const s = new PassThrough({ autoDestroy: false });
    const done = drainBody(s, 1000, 5000);
    s.write(Buffer.alloc(300));
    s.end(Buffer.alloc(300));
    await done;
    expect(s.destroyed).toBe(false);
  });
  it('destroys the request past the byte bound, and past the time bound', async () => {
    const big = new PassThrough();
    const a = drainBody(big, 1000, 5000);
    big.write(Buffer.alloc(1500));
    await a;
    expect(big.destroyed).toBe(true);
    const slow = new PassThrough();
    await drainBody(slow, 1000, 20);
    expect(slow.destroyed).toBe(true);
  });
});
