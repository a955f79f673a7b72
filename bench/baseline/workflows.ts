/**
 * The bare-Temporal baseline's workflows (`bench/baseline.bench.ts`, docs/benchmarks.md): nothing of the
 * product, only what each figure needs, so that a product figure divided by the matching one here shows what
 * the product costs on top of Temporal. Same shapes as the anchor kept beside the checkouts.
 */
import {
  condition,
  defineSignal,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { BaselineActivities } from './activities.js';

const { noop } = proxyActivities<BaselineActivities>({ startToCloseTimeout: '10 seconds' });

/** B1: one activity that does nothing. */
export async function singleActivity(): Promise<void> {
  await noop();
}

/** B2: adds its argument to a counter. */
export const bump = defineUpdate<number, [number]>('bump');
/** B2: lets `counter` end. */
export const finish = defineSignal('finish');

/** B2: a counter changed by an Update, open until told to finish. */
export async function counter(): Promise<number> {
  let n = 0;
  let done = false;
  setHandler(bump, (by) => (n += by));
  setHandler(finish, () => void (done = true));
  await condition(() => done);
  return n;
}

/** B4: sleeps `ms` (durable timer), then ends. */
export async function sleeper(ms: number): Promise<void> {
  await sleep(ms);
}

/** B6: stays open and does nothing (it is only listed through visibility). */
export async function idle(): Promise<void> {
  await condition(() => false);
}
