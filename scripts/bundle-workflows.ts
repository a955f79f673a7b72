/**
 * Production: bundles the workflow code once, ahead of time (temporalio/samples-typescript `production`).
 * The worker loads it through WORKFLOW_BUNDLE_PATH instead of running webpack at every start.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundleOptions } from '../worker/worker.js';
import { repoRoot } from './paths.js';

const out = process.argv[2] ?? join(repoRoot, 'dist', 'workflow-bundle.js');
const { code } = await bundleWorkflowCode(workflowBundleOptions());
await mkdir(dirname(out), { recursive: true });
await writeFile(out, code);
process.stdout.write(`workflow bundle written to ${out} (${(code.length / 1024).toFixed(0)} KiB)\n`);
