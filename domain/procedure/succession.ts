/**
 * Succession of procedures: a procedure whose national code changed is published under its new code with
 * `replaces: <old code>` (docs/domain.md, "Seeded procedures"). From the successor's effective date the
 * old code receives no dossier; dossiers received before keep their version.
 */
import { formatDmy } from '../calendar/index.js';

/** The successor of a superseded code, as the desk is told about it. */
export interface Successor {
  readonly code: string;
  readonly name: string;
  /** 'YYYY-MM-DD'. */
  readonly effectiveFrom: string;
}

/** Why a receipt on a superseded code is refused, naming the code to use instead (Vietnamese). */
export function supersededMessage(oldCode: string, successor: Successor): string {
  return (
    `Thủ tục mã ${oldCode} đã được thay thế từ ngày ${formatDmy(successor.effectiveFrom)} bởi thủ tục ` +
    `mã ${successor.code} (${successor.name}). Vui lòng tiếp nhận hồ sơ theo mã thủ tục mới.`
  );
}
