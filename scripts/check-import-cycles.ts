/**
 * Fails (exit 1) when our TypeScript modules import each other in a cycle, printing each cycle. Run by
 * `npm run lint` after ESLint: `import-x/no-cycle` reports cycles at the import line but skips type-only
 * imports, and a cycle of `import type` lines (a route module taking a type from the app that registers it)
 * still ties the modules together. This check counts every import and re-export, type-only or not.
 *
 * Usage: `node --import tsx scripts/check-import-cycles.ts [tsconfig]` (default: the root tsconfig.json,
 * whose files and everything they import make the graph; web/ is its own package and not part of it).
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './paths.js';

/** The import graph of our modules: file → the files of ours it imports (resolved). */
export function importGraph(tsconfigPath: string): Map<string, Set<string>> {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfigPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${tsconfigPath}`);
  const ours = (file: string) => !file.includes('/node_modules/') && !file.endsWith('.d.ts');
  const graph = new Map<string, Set<string>>();
  const pending = parsed.fileNames.filter(ours);
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const edges = new Set<string>();
    graph.set(file, edges);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const target = ts.resolveModuleName(fileName, file, parsed.options, ts.sys).resolvedModule;
      if (!target || target.isExternalLibraryImport || !ours(target.resolvedFileName)) continue;
      edges.add(target.resolvedFileName);
      pending.push(target.resolvedFileName);
    }
  }
  return graph;
}

/**
 * The import cycles of `graph`: one per strongly connected component of two or more files (or a
 * self-import), as its files (`files`, sorted) and one cycle through them (`cycle`, first file repeated last).
 */
export function findCycles(graph: Map<string, Set<string>>): { files: string[]; cycle: string[] }[] {
  // Tarjan's algorithm, iterative (deep import chains must not overflow the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: { file: string; targets: string[] }[] = [];
    const enter = (file: string) => {
      index.set(file, next);
      low.set(file, next);
      next += 1;
      stack.push(file);
      onStack.add(file);
      work.push({ file, targets: [...(graph.get(file) ?? [])].sort() });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const target = frame.targets.shift();
      if (target !== undefined) {
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.file, Math.min(low.get(frame.file)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) !== index.get(frame.file)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.file);
      if (component.length > 1 || graph.get(frame.file)?.has(frame.file)) components.push(component);
    }
  }
  return components.map((component) => ({ files: component.sort(), cycle: cycleThrough(graph, component) }));
}

/** One concrete cycle inside a strongly connected component: from its first file back to it (shortest path). */
function cycleThrough(graph: Map<string, Set<string>>, component: string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const target of [...(graph.get(file) ?? [])].sort()) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start];
      }
      if (!previous.has(target)) {
        previous.set(target, file);
        queue.push(target);
      }
    }
  }
  return [start, start];
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename;
if (isMain) {
  const tsconfig = resolve(repoRoot, process.argv[2] ?? 'tsconfig.json');
  const graph = importGraph(tsconfig);
  const cycles = findCycles(graph);
  if (cycles.length === 0) {
    process.stdout.write(`no import cycle among ${graph.size} modules\n`);
  } else {
    process.stderr.write(
      `${cycles.length} import cycle(s), type-only imports included; break each one (move the shared ` +
        `types or helpers to a module both sides import):\n`,
    );
    const shown = (file: string) => relative(repoRoot, file);
    for (const { files, cycle } of cycles) {
      process.stderr.write(`  ${cycle.map(shown).join(' → ')}\n`);
      if (files.length > cycle.length - 1) {
        process.stderr.write(`    (one of the cycles tying together ${files.map(shown).join(', ')})\n`);
      }
    }
    process.exitCode = 1;
  }
}
