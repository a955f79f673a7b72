import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../scripts/check-import-cycles.js';
import { repoRoot } from '../scripts/paths.js';

/** A scratch project: an app that registers a route, and the route, with the given import line. */
function scratchProject(dir: string, routeImport: string): string {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' },
      include: ['*.ts'],
    }),
  );
  writeFileSync(
    join(dir, 'app.ts'),
    "import { register } from './route.js';\nexport type App = { name: string };\nregister();\n",
  );
  writeFileSync(join(dir, 'app-instance.ts'), 'export type App = { name: string };\n');
  writeFileSync(join(dir, 'route.ts'), `${routeImport}\nexport function register(app?: App): void {}\n`);
  return join(dir, 'tsconfig.json');
}

describe('scripts/check-import-cycles.ts', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a cycle made of a type-only import (which import-x/no-cycle skips)', () => {
    const tsconfig = scratchProject(dir, "import type { App } from './app.js';");
    const cycles = findCycles(importGraph(tsconfig));
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.cycle.map((f) => f.slice(dir.length + 1))).toEqual(['app.ts', 'route.ts', 'app.ts']);
  });

  it('finds none once the type lives in a module of its own', () => {
    const tsconfig = scratchProject(dir, "import type { App } from './app-instance.js';");
    expect(findCycles(importGraph(tsconfig))).toEqual([]);
  });

  it('finds every file of a larger cycle and one path through it', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a', 'd'])],
      ['d', new Set<string>()],
      ['e', new Set(['e'])],
    ]);
    expect(findCycles(graph)).toEqual([
      { files: ['a', 'b', 'c'], cycle: ['a', 'b', 'c', 'a'] },
      { files: ['e'], cycle: ['e', 'e'] },
    ]);
  });

  it('the repository has no import cycle (type-only imports included)', () => {
    const graph = importGraph(join(repoRoot, 'tsconfig.json'));
    expect(graph.size).toBeGreaterThan(100);
    expect(findCycles(graph)).toEqual([]);
  });
});
