/**
 * Which pages the menu offers an officer. The API guards each page's routes by role (the receipt route's
 * `requireRole('receiver', 'admin')`, the managers of api/routes/escalation.routes.ts) and refuses the
 * others; what an officer may do on a dossier is never decided here but read from the dossier view's
 * `allowedActions`.
 */
import { type Officer } from '../api/types';

/** May this officer receive dossiers at the desk? */
export const canReceive = (me: Officer): boolean => me.role === 'receiver' || me.role === 'admin';

/** Leaders, division heads, the administrator and the inspectorate (read-only) see the late dossiers view. */
export const seesLateDossiers = (me: Officer): boolean =>
  me.role === 'deputy' ||
  me.role === 'director' ||
  me.role === 'admin' ||
  me.role === 'auditor' ||
  me.role === 'head';
