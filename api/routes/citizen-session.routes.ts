import { z } from 'zod';
import { errorBodySchema } from '../errors.js';
import type { AppInstance } from '../app-instance.js';
import { citizenOf, type CitizenSessions } from '../citizen-session.js';

export interface CitizenSessionRoutesDeps {
  citizens: CitizenSessions;
  /** The identity provider's logout URL (RP-initiated logout), when it has one; default none. */
  endSessionUrl?: () => string | null;
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
        description:
          "204 when only the portal's session ended; 200 with `endSessionUrl` when the identity provider " +
          "offers a logout too: the browser may go there to end the citizen's session at the provider.",
        response: {
          200: z.object({
            endSessionUrl: z.url().describe("The identity provider's logout page (then back to /dvc)"),
          }),
          204: z.null(),
          401: errorBodySchema,
          403: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      await deps.citizens.end(request, reply);
      const endSessionUrl = deps.endSessionUrl?.() ?? null;
      if (endSessionUrl) return reply.code(200).send({ endSessionUrl });
      return reply.code(204).send(null);
    },
  );
}
