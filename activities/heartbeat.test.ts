import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { whileHeartbeating } from './heartbeat.js';

describe('whileHeartbeating', () => {
  it('beats at once and then on its interval until the work ends, and passes its result through', async () => {
    const env = new MockActivityEnvironment();
    let beats = 0;
    env.on('heartbeat', () => (beats += 1));
    const result = await env.run(() =>
      whileHeartbeating(() => new Promise<string>((r) => setTimeout(() => r('done'), 120)), 25),
    );
    expect(result).toBe('done');
    expect(beats).toBeGreaterThanOrEqual(3);
    const after = beats;
    await new Promise((r) => setTimeout(r, 80));
    expect(beats).toBe(after);
  });

  it('stops beating when the work fails', async () => {
    const env = new MockActivityEnvironment();
    let beats = 0;
    env.on('heartbeat', () => (beats += 1));
    await expect(
      env.run(() => whileHeartbeating(() => Promise.reject(new Error('boom')), 10)),
    ).rejects.toThrow('boom');
    const after = beats;
    await new Promise((r) => setTimeout(r, 50));
    expect(beats).toBe(after);
  });
});
