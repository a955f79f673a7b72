import { z } from 'zod';
import { errorBodySchema } from '../errors.js';
import type { AppInstance } from '../app-instance.js';
import { citizenOf, type CitizenSessions } from '../citizen-session.js';

export interface CitizenSessionRoutesDeps {
  citizens: CitizenSessions;
}

const citizenSchema = z.object({
  personalId: z
    .string()
    .describe('12-digit personal identification number, as the identity provider vouched'),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  csrfToken: z.string().describe('Send as `X-CSRF-Token` with every changing portal request'),
});

/** `GET /portal/me` and `POST /portal/auth/logout`: the citizen's session (login is in citizen-login.routes.ts). */
export function registerCitizenSessionRoutes(app: AppInstance, deps: CitizenSessionRoutesDeps): void {
  app.get(
    '/portal/me',
    {
      preHandler: deps.citizens.authenticate,
      schema: {
        operationId: 'citizenMe',
        tags: ['portal'],
        summary: "The signed-in citizen and the session's CSRF token",
        response: { 200: citizenSchema, 401: errorBodySchema },
      },
    },
    (request) => {
      const { personalId, fullName, email, phone, csrfToken } = citizenOf(request);
      return { personalId, fullName, email, phone, csrfToken };
    },
  );

  app.post(
    '/portal/auth/logout',
    {
      preHandler: deps.citizens.requireCsrf,
      schema: {
        operationId: 'citizenLogout',
        tags: ['portal'],
        summary: "Ends the citizen's session",
        response: { 204: z.null(), 401: errorBodySchema, 403: errorBodySchema },
      },
    },
    async (request, reply) => {
      await deps.citizens.end(request, reply);
      return reply.code(204).send(null);
    },
  );
}
