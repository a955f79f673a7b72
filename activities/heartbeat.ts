import { Context } from '@temporalio/activity';

/** How often a long activity heartbeats; well under the 30 s heartbeat timeouts of its workflows' proxies. */
export const HEARTBEAT_EVERY_MS = 5_000;

/**
 * Runs `work` while the activity heartbeats (once at once, then every `everyMs`). The beats stop with the
 * process, so an attempt lost with a killed worker fails on its proxy's `heartbeatTimeout` (seconds) and is
 * retried, instead of waiting for its start-to-close timeout (minutes). The SDK throttles the beats it sends.
 */
export async function whileHeartbeating<T>(work: () => Promise<T>, everyMs = HEARTBEAT_EVERY_MS): Promise<T> {
  const ctx = Context.current();
  ctx.heartbeat();
  const timer = setInterval(() => ctx.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
