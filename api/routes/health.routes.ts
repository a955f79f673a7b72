import { z } from 'zod';
import type { AppInstance } from '../app-instance.js';
import { checkHealth, type HealthProbe } from '../health.js';

const componentSchema = z.object({
  status: z.enum(['ok', 'down']),
  latencyMs: z.number(),
  error: z.string().optional(),
});
const healthSchema = z.object({
  status: z.enum(['ok', 'down']),
  components: z.record(z.string(), componentSchema),
  details: z
    .object({
      /** Dossiers waiting for an administrator after a storage incident (null: PostgreSQL did not say). */
      dossiersNeedingAttention: z.number().int().nullable(),
    })
    .optional(),
});

/** Each probe gets this long; the whole answer comes within it plus a little overhead (< 2 s). */
const PROBE_TIMEOUT_MS = 1_500;

/** Figures shown beside the probes; they never make the answer 503. */
export interface HealthDetails {
  dossiersNeedingAttention(): Promise<number>;
}

export function registerHealthRoutes(
  app: AppInstance,
  probes: Record<string, HealthProbe>,
  details?: HealthDetails,
): void {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary:
          'Reachability of Temporal, PostgreSQL and SMTP (503 names the component that is down), and the ' +
          'number of dossiers waiting for an administrator',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const [report, needingAttention] = await Promise.all([
        checkHealth(probes, PROBE_TIMEOUT_MS),
        details ? within(details.dossiersNeedingAttention(), PROBE_TIMEOUT_MS) : undefined,
      ]);
      return reply
        .status(report.status === 'ok' ? 200 : 503)
        .send(
          needingAttention === undefined
            ? report
            : { ...report, details: { dossiersNeedingAttention: needingAttention } },
        );
    },
  );
}

/** The value, or null when it fails or takes longer than `ms` (a down database must not hang /health). */
async function within<T>(value: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([value.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}
