import type { Kysely } from 'kysely';
import { z } from 'zod';
import { safeName, verbatimText } from '../../domain/text.js';
import { errorBodySchema } from '../errors.js';
import type { DB } from '../../db/schema.js';
import { roleLabels } from '../../domain/role-labels.js';
import { accessOf, roleSchema } from '../../domain/roles.js';
import type { AppInstance } from '../app-instance.js';
import {
  bearerToken,
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
  receivingUnit: z
    .string()
    .nullable()
    .describe('The receiving unit whose desk the officer works at (receivers), else null'),
  access: z
    .object({ receive: z.boolean(), lateDossiers: z.boolean() })
    .describe('What the officer may open beyond dossiers: the receipt desk, the late dossiers lists'),
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
  receivingUnit: p.receivingUnit,
  access: accessOf(p.role),
});

/** `POST /auth/login`, `POST /auth/refresh` and `GET /auth/me`. */
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

  // Sliding session: the console asks for a new token while the officer works (on activity, once the
  // current token has used half its life), so a busy officer is never cut off mid-form, while an idle
  // console's token still dies after 30 minutes. Only a still-valid token is exchanged (an expired or
  // forged one gets the same 401 as any request), the officer row is read again (a deactivated account
  // or a changed role applies at once), and a session never outlives 12 hours after its password login
  // (the token keeps `auth_time`), so a stolen token cannot be kept alive forever.
  app.post(
    '/auth/refresh',
    {
      schema: {
        operationId: 'refreshToken',
        tags: ['auth'],
        summary:
          'Exchange a still-valid access token for a new one (30 more minutes) of the same session; ' +
          'a session lasts at most 12 hours after its login',
        security: [{ bearerAuth: [] }],
        response: { 200: loginResponseSchema, 401: errorSchema },
      },
      preHandler: deps.auth.authenticate,
    },
    async (request) => {
      const principal = principalOf(request);
      const { token, expiresAt } = await deps.tokens.refresh(bearerToken(request), principal);
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
