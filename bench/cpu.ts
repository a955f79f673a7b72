/**
 * CPU time used by processes, read from /proc (Linux): what each part of a benchmark (the bench's own process,
 * the API and worker processes, the Temporal dev server, PostgreSQL) spent during a measured window.
 */
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used so far, all its threads; 0 when it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** The ids of the processes named `comm` (e.g. `postgres`: the server and its backends). */
export function pidsNamed(comm: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === comm) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/**
 * CPU seconds used by groups of processes between `start()` and `stop()`; a process group given as a
 * function is listed again at the end (PostgreSQL forks a backend per connection).
 */
export function cpuMeter(groups: Record<string, () => number[]>) {
  const at = (): Record<string, Map<number, number>> =>
    Object.fromEntries(
      Object.entries(groups).map(([name, pids]) => [name, new Map(pids().map((p) => [p, cpuSecondsOf(p)]))]),
    );
  let first: Record<string, Map<number, number>> = {};
  return {
    start(): void {
      first = at();
    },
    /** CPU seconds per group since `start()`. */
    stop(): Record<string, number> {
      const last = at();
      return Object.fromEntries(
        Object.entries(last).map(([name, pids]) => {
          let used = 0;
          for (const [pid, cpu] of pids) used += cpu - (first[name]?.get(pid) ?? 0);
          return [name, used];
        }),
      );
    },
  };
}

/** CPU milliseconds per operation of each part, one decimal: `used` (seconds) spread over `count` operations. */
export function msPerOperation(used: Record<string, number>, count: number): Record<string, number> {
  return Object.fromEntries(
    Object.entries(used).map(([part, seconds]) => [part, Math.round((seconds * 1e4) / count) / 10]),
  );
}
