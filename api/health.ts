/** A probe of one component: resolves when it is reachable, rejects (or hangs) otherwise. */
export type HealthProbe = () => Promise<unknown>;

export interface ComponentHealth {
  status: 'ok' | 'down';
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'down';
  components: Record<string, ComponentHealth>;
}

async function probeWithin(probe: HealthProbe, timeoutMs: number): Promise<ComponentHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(probe), timeout]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: err instanceof Error ? err.message : String(err),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs every probe in parallel, each bounded by `timeoutMs`, so a hanging component cannot hang the answer. */
export async function checkHealth(
  probes: Record<string, HealthProbe>,
  timeoutMs: number,
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await probeWithin(probe, timeoutMs)] as const),
  );
  const components = Object.fromEntries(entries);
  const status = entries.every(([, c]) => c.status === 'ok') ? 'ok' : 'down';
  return { status, components };
}
