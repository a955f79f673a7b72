import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The pinned Temporal binaries installed by `make` into the project-local virtualenv `.tools/`. */
export const temporalCliPath = fileURLToPath(new URL('../.tools/bin/temporal', import.meta.url));
export const temporalTestServerPath = fileURLToPath(
  new URL('../.tools/bin/temporal-test-server', import.meta.url),
);

/** moto's S3-compatible server (`moto[s3]` in requirements-tools.txt), for the S3 archive store's tests. */
export const motoServerPath = fileURLToPath(new URL('../.tools/bin/moto_server', import.meta.url));

export function assertToolsInstalled(): void {
  for (const path of [temporalCliPath, temporalTestServerPath]) {
    if (!existsSync(path))
      throw new Error(`${path} is missing: run \`make install\` (or \`make test\`, which installs it).`);
  }
}
