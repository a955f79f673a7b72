/**
 * The end of a dossier's life in the engine: its archival package was stored (docs/archive.md). A system
 * event in the audit chain naming the package; the phase and the national status do not change. Pure.
 */
import type { DossierContext } from './context.js';
import { transition, type Transition } from './transition.js';
import type { DossierState } from './types.js';

/** The stored package, as the archive activity reports it. */
export interface ArchivedPackage {
  /** SHA-256 of the package's manifest. */
  readonly packageHash: string;
  /** Where the archive store keeps it. */
  readonly key: string;
}

/** The `archived` event of a finished dossier. */
export function recordArchived(
  ctx: DossierContext,
  state: DossierState,
  pkg: ArchivedPackage,
  now: number,
): Transition {
  const { seq: _seq, status: _status, ...next } = state;
  return transition(ctx, state, {
    type: 'archived',
    actor: null,
    at: now,
    next,
    payload: { packageHash: pkg.packageHash, key: pkg.key },
  });
}
