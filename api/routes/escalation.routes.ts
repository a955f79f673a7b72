import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { apologyRequired } from '../../domain/dossier/index.js';
import { MANAGERS } from '../../domain/roles.js';
import type { Database } from '../../db/database.js';
import { listLateDossiers } from '../../db/dossier.repository.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf, type AuthHooks } from '../auth.js';
import { dossierListItemSchema, toDossierListItem } from '../dossier-list-item.js';
import { ApiError, ErrorCode, errorBodySchema } from '../errors.js';

export interface EscalationRoutesDeps {
  db: Database;
  auth: AuthHooks;
}

const itemSchema = dossierListItemSchema.extend({
  divisionName: z.string().nullable(),
  stepId: z.string().nullable(),
  /** No apology signed yet, the dossier still being handled: a leader must sign Mẫu 04. */
  apologyRequired: z.boolean(),
});

const countSchema = {
  overdue: z.number().int(),
  atRisk: z.number().int(),
  apologyRequired: z.number().int(),
  /** Apologies signed after their legal limit (one working day before the appointment). */
  apologyLate: z.number().int(),
};

type Counts = { [K in keyof typeof countSchema]: number };

type Item = z.infer<typeof itemSchema>;

function countBy<K extends string>(items: Item[], key: (i: Item) => K, name: (i: Item) => string | null) {
  const groups = new Map<K, { name: string | null; counts: Counts }>();
  for (const i of items) {
    const g = groups.get(key(i)) ?? {
      name: name(i),
      counts: { overdue: 0, atRisk: 0, apologyRequired: 0, apologyLate: 0 },
    };
    g.counts.overdue += i.overdue ? 1 : 0;
    g.counts.atRisk += i.atRisk && !i.overdue ? 1 : 0;
    g.counts.apologyRequired += i.apologyRequired ? 1 : 0;
    g.counts.apologyLate += i.apology?.late ? 1 : 0;
    groups.set(key(i), g);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** The managers' lists: overdue and at-risk dossiers by division and procedure (escalation ladder). */
export function registerEscalationRoutes(app: AppInstance, deps: EscalationRoutesDeps): void {
  app.get(
    '/dossiers/late',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listLateDossiers',
        tags: ['escalation'],
        summary: 'Open dossiers that are overdue or at risk of missing their appointment, with counts',
        description:
          'For division heads, the leadership, inspectors and administrators. `overdue` counts dossiers past ' +
          'their appointment; `atRisk` those flagged at risk and not yet overdue; `apologyRequired` those ' +
          'still without the signed apology and new appointment (Mẫu 04); `apologyLate` those whose apology ' +
          'was signed after its legal limit, one working day before the appointment (`apology.late` of an ' +
          'item). At most 1,000 items, most urgent ' +
          'appointment first.',
        security: [{ bearerAuth: [] }],
        querystring: z.object({
          division: safeName(32).optional(),
          procedure: safeName(100).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(itemSchema),
            byDivision: z.array(
              z.object({ division: z.string(), divisionName: z.string().nullable(), ...countSchema }),
            ),
            byProcedure: z.array(
              z.object({ procedureCode: z.string(), procedureName: z.string().nullable(), ...countSchema }),
            ),
          }),
          400: errorBodySchema,
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      if (!MANAGERS.includes(principal.role)) {
        throw new ApiError(
          403,
          ErrorCode.FORBIDDEN,
          'Danh sách hồ sơ quá hạn, có nguy cơ trễ hẹn dành cho trưởng phòng, lãnh đạo Sở và thanh tra.',
        );
      }
      const rows = await listLateDossiers(deps.db, {
        tenant: principal.tenant,
        division: request.query.division,
        procedureCode: request.query.procedure,
      });
      const items: Item[] = rows.map((r) => ({
        ...toDossierListItem(r),
        divisionName: r.division_name,
        stepId: r.current_step_id,
        apologyRequired: apologyRequired({
          atRisk: r.at_risk,
          overdue: r.overdue,
          apologySigned: r.apology_signed_at !== null,
          phase: r.phase,
        }),
      }));
      return {
        items,
        byDivision: countBy(
          items,
          (i) => i.division ?? '',
          (i) => i.divisionName,
        ).map(([division, g]) => ({ division, divisionName: g.name, ...g.counts })),
        byProcedure: countBy(
          items,
          (i) => i.procedureCode,
          (i) => i.procedureName,
        ).map(([procedureCode, g]) => ({ procedureCode, procedureName: g.name, ...g.counts })),
      };
    },
  );
}
