/**
 * Property-based fuzzing of the whole HTTP API from its own OpenAPI description, with schemathesis
 * (pinned in requirements-tools.txt, installed into `.tools/` by `make install`): the real app listening
 * on a free port, a real worker, Temporal and PostgreSQL. Every generated request, valid or not, must get
 * an answer that is not a 5xx and that matches the response schema the route declares for its status.
 *
 * Checks: no server error, every answer matches its declared schema, and an undeclared method on a
 * known path answers 405 with an `Allow` header that lists the declared ones.
 *
 * Bounded for CI on 2 cores: few examples per operation, a fixed seed, one worker, a time budget per run
 * (about 35 s each; the whole file stays under 2 minutes).
 * Two officers: the receiver (may receive dossiers and act at the desk) and the auditor (reads
 * everything, changes nothing). Neither may publish a calendar or a procedure, so the run cannot change
 * what the other test files of the suite compute against.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTemporalClient } from './support/app.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';

const schemathesis = fileURLToPath(new URL('../.tools/bin/schemathesis', import.meta.url));

/** Per run: examples per operation and the wall-clock budget of the run, in seconds. */
const MAX_EXAMPLES = 8;
const MAX_SECONDS = 30;
const SEED = 20_260_101;

let h: DossierHarness;
let baseUrl: string;
let reports: string;

beforeAll(async () => {
  if (!existsSync(schemathesis)) {
    throw new Error(`${schemathesis} is missing: run \`make install\` (requirements-tools.txt pins it)`);
  }
  h = await startDossierHarness();
  await endOrphanedDossiers(h.worker.taskQueue);
  baseUrl = await h.app.listen({ port: 0, host: '127.0.0.1' });
  reports = await mkdtemp(join(tmpdir(), 'mot-cua-schemathesis-'));
});
afterAll(async () => {
  await h?.stop();
  if (reports) await rm(reports, { recursive: true, force: true });
});

/**
 * Earlier test files leave open dossiers whose workflows run on their own task queues, whose workers have
 * stopped: an action on one waits for a worker that never comes. In production one task queue always has
 * workers; here those dossiers are ended (terminated) so the run meets them as finished dossiers (409).
 */
async function endOrphanedDossiers(taskQueue: string): Promise<void> {
  const client = testTemporalClient();
  const orphans = client.workflow.list({
    query: `ExecutionStatus = "Running" AND WorkflowType = "dossierWorkflow" AND TaskQueue != "${taskQueue}"`,
  });
  const ended: Promise<unknown>[] = [];
  for await (const wf of orphans) {
    ended.push(
      client.workflow.getHandle(wf.workflowId, wf.runId).terminate('orphaned by an earlier test file'),
    );
  }
  await Promise.all(ended);
}

interface Failure {
  operation: string;
  message: string;
}

/** The failed or errored test cases of a schemathesis JUnit report (one `<testcase>` per operation). */
function failuresOf(junit: string): { operations: number; failures: Failure[] } {
  const cases = [...junit.matchAll(/<testcase\b([^>]*?)(?:\/>|>([\s\S]*?)<\/testcase>)/g)];
  const failures: Failure[] = [];
  for (const [, attributes = '', body = ''] of cases) {
    const operation = /\bname="([^"]*)"/.exec(attributes)?.[1] ?? '?';
    for (const [, , text = ''] of body.matchAll(/<(failure|error)\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1>)/g)) {
      failures.push({ operation, message: unescapeXml(text).trim() });
    }
  }
  return { operations: cases.length, failures };
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** Runs schemathesis against the app as `username`; resolves with its JUnit report and console output. */
async function fuzzAs(username: string): Promise<{ junit: string; output: string; exitCode: number }> {
  const { authorization } = await h.api.as(username);
  const junitPath = join(reports, `${username}.xml`);
  const args = [
    'run',
    `${baseUrl}/openapi.json`,
    '--header',
    `Authorization: ${authorization}`,
    '--checks',
    'not_a_server_error,response_schema_conformance,unsupported_method,allow_header_conformance',
    '--max-examples',
    String(MAX_EXAMPLES),
    '--seed',
    String(SEED),
    '--max-time',
    String(MAX_SECONDS),
    '--workers',
    '1',
    '--request-timeout',
    '10',
    '--suppress-health-check',
    'all',
    '--generation-database',
    'none',
    '--no-color',
    '--report',
    'junit',
    '--report-junit-path',
    junitPath,
  ];
  const { output, exitCode } = await new Promise<{ output: string; exitCode: number }>((done) => {
    execFile(
      schemathesis,
      args,
      {
        // Its caches (`.schemathesis/`, replayable crashes) go to the scratch folder, not the work tree.
        cwd: reports,
        timeout: (MAX_SECONDS + 60) * 1000,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1' },
      },
      (err, stdout, stderr) => {
        const code = err && typeof err.code === 'number' ? err.code : err ? -1 : 0;
        done({ output: `${stdout}\n${stderr}`, exitCode: code });
      },
    );
  });
  const junit = existsSync(junitPath) ? await readFile(junitPath, 'utf8') : '';
  return { junit, output, exitCode };
}

describe('schemathesis against the OpenAPI description', () => {
  for (const username of ['receiver', 'auditor']) {
    it(
      `finds no 5xx and no answer off its schema (as ${username})`,
      async () => {
        const run = await fuzzAs(username);
        expect(run.junit, run.output).not.toBe('');
        const { operations, failures } = failuresOf(run.junit);
        expect(operations, run.output).toBeGreaterThan(30);
        expect(
          failures.map((f) => `${f.operation}\n${f.message}`),
          'schemathesis failures (full output below)\n' + run.output.slice(-20_000),
        ).toEqual([]);
      },
      (MAX_SECONDS + 90) * 1000,
    );
  }
});
