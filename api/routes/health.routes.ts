import { z } from 'zod';
import type { AppInstance } from '../app.js';
import { checkHealth, type HealthProbe } from '../health.js';

const componentSchema = z.object({
  status: z.enum(['ok', 'down']),
  latencyMs: z.number(),
  error: z.string().optional(),
});
const healthSchema = z.object({
  status: z.enum(['ok', 'down']),
  components: z.record(z.string(), componentSchema),
});

/** Each probe gets this long; the whole answer comes within it plus a little overhead (< 2 s). */
const PROBE_TIMEOUT_MS = 1_500;

export function registerHealthRoutes(app: AppInstance, probes: Record<string, HealthProbe>): void {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['system'],
        summary: 'Reachability of Temporal, PostgreSQL and SMTP (503 names the component that is down)',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const report = await checkHealth(probes, PROBE_TIMEOUT_MS);
      return reply.status(report.status === 'ok' ? 200 : 503).send(report);
    },
  );
}
