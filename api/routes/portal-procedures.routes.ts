import { z } from 'zod';
import { safeName } from '../../domain/text.js';
import { listReceivingUnits } from '../../db/organisation.repository.js';
import type { AppInstance } from '../app-instance.js';
import { ApiError, errorBodySchema } from '../errors.js';
import type { PortalDeps } from '../portal/deps.js';
import { procedureCard, procedureCardSchema } from '../portal/procedure-card.js';
import { currentProcedure, currentProcedures } from '../portal/procedures.js';

const detailSchema = procedureCardSchema.extend({
  receivingUnits: z.array(z.object({ code: z.string(), name: z.string() })),
  returnMethods: z.array(z.enum(['online', 'post', 'counter'])),
  asksCopies: z.boolean().describe('The fee is per copy: the submission states how many copies'),
});

/** `GET /portal/procedures` and `GET /portal/procedures/:code`: the public catalog of the portal. */
export function registerPortalProcedureRoutes(app: AppInstance, deps: PortalDeps): void {
  app.get(
    '/portal/procedures',
    {
      schema: {
        operationId: 'portalProcedures',
        tags: ['citizen portal'],
        summary: 'Procedures in force (current versions), ordered by name',
        response: { 200: z.object({ items: z.array(procedureCardSchema) }) },
      },
    },
    async () => {
      const items = await currentProcedures(deps.db, deps.tenant, deps.now());
      return { items: items.map((p) => procedureCard(p.code, p.definition)) };
    },
  );

  app.get(
    '/portal/procedures/:code',
    {
      schema: {
        operationId: 'portalProcedure',
        tags: ['citizen portal'],
        summary: 'One procedure: card, receiving units, return methods',
        params: z.object({ code: safeName(100) }),
        response: { 200: detailSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const row = await currentProcedure(deps.db, deps.tenant, request.params.code, deps.now());
      if (!row) {
        throw new ApiError(404, 'PORTAL.UNKNOWN_PROCEDURE', 'Không có thủ tục hành chính với mã này.');
      }
      const units = await listReceivingUnits(deps.db, deps.tenant);
      return {
        ...procedureCard(row.code, row.definition),
        receivingUnits: units.filter((u) => u.active).map((u) => ({ code: u.code, name: u.name })),
        returnMethods: ['online' as const, 'post' as const, 'counter' as const],
        asksCopies: row.definition.fee.per === 'copy',
      };
    },
  );
}
