import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/paths.js';

/**
 * The short chaos run (issue #17, docs/soak.md): `scripts/soak.ts` with SOAK_SHORT=1 starts its own stack on
 * free ports (not the suite's), drives 20 dossiers on its seven paths (escalations on a fast calendar,
 * plain, supplement, cash and online payments, signed results, liaison answers) while killing -9 the worker,
 * the API, Temporal and PostgreSQL at random and taking SMTP and the national portal's stand-in down, then
 * checks its invariants; exit code 0 means all held.
 *
 * Part of `make test` (about 3 minutes; SOAK_TEST=0 skips it). Its seed is fixed so that a failure can be
 * run again with the same kills (the timings of a loaded machine still vary); the run prints it.
 */
describe.skipIf(process.env.SOAK_TEST === '0')('the short soak run', () => {
  it('keeps every invariant through kills and the SMTP and national portal outages', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/soak.ts'], {
      cwd: repoRoot,
      env: { ...process.env, SOAK_SHORT: '1', SOAK_SEED: process.env.SOAK_SEED ?? '20261205' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    expect(code, output).toBe(0);
    expect(output).toContain('SOAK PASSED');
  }, 300_000);
});
