/**
 * A real S3-compatible server for a test file: moto's server (`.tools/bin/moto_server`, pinned in
 * requirements-tools.txt; `MOTO_SERVER` names another binary), on a free port of 127.0.0.1, in memory,
 * stopped by `stop()`. Nothing is downloaded at run time.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort } from '../../scripts/net.js';
import { motoServerPath } from '../../scripts/paths.js';

export interface TestS3 {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /** Credentials the server accepts (any), as the worker reads them from its environment. */
  env: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };
  /** A client of the server, for setting up and for looking behind the store's back. */
  client: S3Client;
  /** Creates a bucket; answers its `ARCHIVE_URL` with `prefix`. */
  bucket(name: string, prefix?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestS3(): Promise<TestS3> {
  const binary = process.env.MOTO_SERVER ?? motoServerPath;
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: run \`make install\` (moto is in requirements-tools.txt).`);
  }
  const port = await freePort();
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`${endpoint}/`);
      break;
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`moto_server did not start on ${endpoint}:\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const env = { AWS_ACCESS_KEY_ID: 'test-access-key', AWS_SECRET_ACCESS_KEY: 'test-secret-key' };
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY },
  });
  return {
    endpoint,
    env,
    client,
    async bucket(name, prefix = '') {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      const query = `endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&forcePathStyle=true`;
      return `s3://${name}/${prefix}?${query}`;
    },
    async stop() {
      client.destroy();
      child.kill('SIGTERM');
      await exited;
    },
  };
}
