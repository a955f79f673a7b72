import { CITIZEN_SESSION_COOKIE, CSRF_HEADER, openCitizenSession } from '../../api/citizen-session.js';
import type { CitizenIdentity } from '../../db/citizen.repository.js';
import { devCitizens } from '../../dev/dev-citizens.js';
import type { Database } from '../../db/database.js';

/**
 * Test citizens (12-digit personal IDs with real province prefixes: 036 Nam Định, 037 Ninh Bình): the dev
 * identity provider's people (dev/dev-citizens.ts), so a test may log them in through it or open their
 * session directly.
 */
export const testCitizens = devCitizens satisfies Record<string, CitizenIdentity>;

/** Headers of a citizen's portal session: the cookie, and the CSRF header changing requests need. */
export type CitizenHeaders = Record<string, string> & { cookie: string; [CSRF_HEADER]: string };

/**
 * Opens a portal session for `who` directly in the database, as the login callback does after the identity
 * provider vouched for the citizen (the login itself is tested through the real OIDC provider elsewhere).
 */
export async function citizenHeaders(db: Database, who: CitizenIdentity): Promise<CitizenHeaders> {
  const { token, csrfToken } = await openCitizenSession(db, who, {
    now: new Date(),
    maxSessionSeconds: 43_200,
  });
  return { cookie: `${CITIZEN_SESSION_COOKIE}=${token}`, [CSRF_HEADER]: csrfToken };
}
