import { z } from 'zod';
import { listOfficers } from '../../db/organisation.repository.js';
import type { OfficerRow } from '../../db/organisation.table.js';
import { roleLabels } from '../../domain/role-labels.js';
import { isLeadership, roleSchema, type Role } from '../../domain/roles.js';
import { safeName } from '../../domain/text.js';
import type { AppInstance } from '../app-instance.js';
import { principalOf } from '../auth.js';
import { errorBodySchema } from '../errors.js';
import type { DossierRoutesDeps } from './dossier-deps.js';

/**
 * Who may be given a step: an officer holding the step's role in the step's division. The leadership's
 * steps (Giám đốc, Phó Giám đốc) are one role for this, as for doing the work (domain/dossier/authorise.ts
 * lets either leader sign). Auditors and administrators are never assignees.
 */
export function holdsStepRole(officerRole: Role, stepRole: string | null): boolean {
  if (officerRole === 'auditor' || officerRole === 'admin') return false;
  if (stepRole === null) return true;
  const parsed = roleSchema.safeParse(stepRole);
  if (!parsed.success) return false;
  return isLeadership(parsed.data) ? isLeadership(officerRole) : officerRole === parsed.data;
}

/** The active officers of the tenant eligible for a step of `division` and `role`, by full name. */
export async function eligibleAssignees(
  deps: Pick<DossierRoutesDeps, 'db'>,
  tenant: string,
  division: string | null,
  role: string | null,
): Promise<OfficerRow[]> {
  if (division === null) return [];
  const officers = await listOfficers(deps.db, tenant, { active: true, divisionCode: division });
  return officers
    .filter((o) => holdsStepRole(o.role, role))
    .sort((a, b) => a.full_name.localeCompare(b.full_name, 'vi'));
}

const assigneeSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  role: roleSchema,
  roleLabel: z.string().describe('Vietnamese label of the role'),
  divisionCode: z.string().nullable(),
});

/** `GET /dossiers/{code}/assignees`: whom the current step of a dossier may be assigned to. */
export function registerDossierAssigneeRoute(app: AppInstance, deps: DossierRoutesDeps): void {
  app.get(
    '/dossiers/:code/assignees',
    {
      preHandler: deps.auth.authenticate,
      schema: {
        operationId: 'listDossierAssignees',
        tags: ['dossier actions'],
        summary:
          'Officers eligible for the current step of a dossier (its role and division), to assign it; ' +
          'empty when the dossier has no current step',
        security: [{ bearerAuth: [] }],
        params: z.object({ code: safeName(100) }),
        response: {
          200: z.object({ stepId: z.string().nullable(), items: z.array(assigneeSchema) }),
          401: errorBodySchema,
          404: errorBodySchema,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const row = await deps.loadDossier(request.params.code, principal);
      const officers = row.current_step_id
        ? await eligibleAssignees(deps, principal.tenant, row.current_division, row.current_role)
        : [];
      return {
        stepId: row.current_step_id,
        items: officers.map((o) => ({
          username: o.username,
          fullName: o.full_name,
          role: o.role,
          roleLabel: roleLabels[o.role],
          divisionCode: o.division_code,
        })),
      };
    },
  );
}
