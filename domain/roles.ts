import { z } from 'zod';

/**
 * Roles of an officer of the Sở, in the order a dossier usually meets them: the one-stop desk receives,
 * a specialist handles, the division head reviews, leadership (deputy or director) approves and signs,
 * the inspectorate audits (read-only), and the system administrator manages the installation.
 */
export const roles = ['receiver', 'specialist', 'head', 'deputy', 'director', 'auditor', 'admin'] as const;

/** One of {@link roles}. */
export type Role = (typeof roles)[number];

/** Zod schema of a {@link Role}, shared by the API and the database layer. */
export const roleSchema = z.enum(roles);

/** True when `value` names a {@link Role}. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Leadership of the Sở (Ban Giám đốc): the only roles that approve and sign results. */
export function isLeadership(role: Role): boolean {
  return role === 'deputy' || role === 'director';
}

/** Whether the role may change anything; auditors (thanh tra) only read. */
export function canWrite(role: Role): boolean {
  return role !== 'auditor';
}

/** Who receives dossiers at the one-stop desk (the receipt route, the console's receipt page). */
export const RECEIVERS: readonly Role[] = ['receiver', 'admin'];

/** Who reads the managers' lists of overdue and at-risk dossiers: heads, leaders, inspectors, administrators. */
export const MANAGERS: readonly Role[] = ['head', 'deputy', 'director', 'auditor', 'admin'];

/** The parts of the product a role may open beyond its dossiers (the API guards each; the console's menu). */
export function accessOf(role: Role): { receive: boolean; lateDossiers: boolean } {
  return { receive: RECEIVERS.includes(role), lateDossiers: MANAGERS.includes(role) };
}
