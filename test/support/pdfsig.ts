/** poppler's `pdfsig` (Debian's poppler-utils, installed by `make install`): an independent signature check. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let checked = 0;

/** pdfsig's report on `pdf`, written into `dir` first. */
export function pdfsig(dir: string, pdf: Uint8Array): string {
  const path = join(dir, `checked-${process.pid}-${++checked}.pdf`);
  writeFileSync(path, pdf);
  try {
    return execFileSync('pdfsig', [path], { encoding: 'utf8' });
  } catch (error) {
    // pdfsig exits non-zero when a certificate is not trusted by its NSS store; its report is on stdout.
    return String((error as { stdout?: string }).stdout ?? '');
  }
}
