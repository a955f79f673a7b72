import type { Kysely } from 'kysely';
import { z } from 'zod';
import { safeName, verbatimText } from '../../domain/text.js';
import { errorBodySchema } from '../errors.js';
import type { DB } from '../../db/schema.js';
import { roleLabels } from '../../domain/role-labels.js';
import { roleSchema } from '../../domain/roles.js';
import type { AppInstance } from '../app.js';
import {
  officerToPrincipal,
  principalOf,
  verifyCredentials,
  type AuthHooks,
  type Principal,
  type TokenService,
} from '../auth.js';

/** What {@link registerAuthRoutes} needs: the database, the token service and the hooks of `installAuth`. */
export interface AuthRoutesDeps {
  db: Kysely<DB>;
  tokens: TokenService;
  auth: AuthHooks;
}

const loginBodySchema = z.object({
  username: safeName(100),
  password: verbatimText(100),
});

const officerSchema = z.object({
  username: z.string(),
  fullName: z.string(),
  role: roleSchema,
  roleLabel: z.string().describe('Vietnamese label of the role'),
  tenant: z.string(),
  divisionCode: z.string().nullable(),
});

const loginResponseSchema = z.object({
  token: z.string().describe('JWT to send as `Authorization: Bearer <token>`'),
  expiresAt: z.iso.datetime(),
  officer: officerSchema,
});

// Mirrors ErrorBody of api/error-handler.ts, for the OpenAPI document.
const errorSchema = errorBodySchema;

const toOfficer = (p: Principal): z.output<typeof officerSchema> => ({
  username: p.username,
  fullName: p.fullName,
  role: p.role,
  roleLabel: roleLabels[p.role],
  tenant: p.tenant,
  divisionCode: p.divisionCode,
});

/** `POST /auth/login` and `GET /auth/me`. */
export function registerAuthRoutes(app: AppInstance, deps: AuthRoutesDeps): void {
  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Exchange a username and password for an access token (JWT)',
        body: loginBodySchema,
        response: { 200: loginResponseSchema, 400: errorSchema, 401: errorSchema },
      },
    },
    async (request) => {
      const officer = await verifyCredentials(deps.db, request.body.username, request.body.password);
      const principal = officerToPrincipal(officer);
      const { token, expiresAt } = await deps.tokens.sign(principal);
      return { token, expiresAt: expiresAt.toISOString(), officer: toOfficer(principal) };
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        operationId: 'getCurrentOfficer',
        tags: ['auth'],
        summary: 'The officer the access token belongs to',
        security: [{ bearerAuth: [] }],
        response: { 200: officerSchema, 401: errorSchema },
      },
      preHandler: deps.auth.authenticate,
    },
    (request) => toOfficer(principalOf(request)),
  );
}
