import type { OnlineSubmissionEventRow, OnlineSubmissionRow } from '../../db/online-submission.table.js';

/** The files a submission carries: those filed, then those sent as supplements, by file id. */
export function submissionFiles(
  row: OnlineSubmissionRow,
  events: readonly OnlineSubmissionEventRow[],
): { code: string; name: string; fileId: string }[] {
  const supplements = events
    .filter((e) => e.type === 'supplemented' || e.type === 'completed')
    .flatMap(
      (e) => (e.payload.components as { code: string; name: string; fileId: string }[] | undefined) ?? [],
    );
  const seen = new Set<string>();
  return [...row.components, ...supplements].filter((c) => {
    const key = `${c.code}#${c.fileId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
