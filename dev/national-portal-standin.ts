import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in of the national portal's status sync endpoint (docs/national-sync.md), for `make dev`
 * and the tests: a real HTTP server that checks the bearer token, keeps the first document of every
 * Idempotency-Key (a repeat answers 409 "already have it" and is not recorded again) and counts every
 * request. Its mode is switched programmatically or by `POST /_control/mode`; `GET /_received` lists
 * what it kept.
 */

/** `up` answers; `down` answers 503; `slow` holds each request `delayMs` before answering. */
export type StandinMode = 'up' | 'down' | 'slow';

/** A status document the stand-in kept (once per Idempotency-Key). */
export interface ReceivedStatus {
  key: string;
  dossierCode: string;
  statusSeq: number;
  status: number;
  document: Record<string, unknown>;
  receivedAt: string;
}

export interface NationalPortalStandin {
  /** The sync endpoint: NATIONAL_PORTAL_SYNC_URL. */
  url: string;
  /** Where `/_control/mode` and `/_received` are. */
  baseUrl: string;
  /** What was kept, in arrival order (a live array). */
  received: ReceivedStatus[];
  /** Every sync request that reached the endpoint (repeats, refusals and 503s included). */
  rawCount(): number;
  setMode(mode: StandinMode, delayMs?: number): void;
  close(): Promise<void>;
}

export interface NationalPortalStandinOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The bearer token it expects. */
  token: string;
}

const SYNC_PATH = '/api/dongbo/trangthaihoso';
const MAX_BODY = 1024 * 1024;

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Starts the stand-in; `close()` it at the end. */
export async function startNationalPortalStandin(
  opts: NationalPortalStandinOptions,
): Promise<NationalPortalStandin> {
  const received: ReceivedStatus[] = [];
  const keys = new Set<string>();
  let raw = 0;
  let mode: StandinMode = 'up';
  let delayMs = 2_000;
  const setMode = (next: StandinMode, delay?: number) => {
    mode = next;
    if (delay !== undefined) delayMs = delay;
  };

  async function sync(req: IncomingMessage, res: ServerResponse): Promise<void> {
    raw += 1;
    const body = await readBody(req);
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (mode === 'down') return answer(res, 503, { message: 'Hệ thống đang bảo trì.' });
    if (req.headers.authorization !== `Bearer ${opts.token}`) {
      return answer(res, 401, { message: 'Sai mã xác thực.' });
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0) {
      return answer(res, 400, { message: 'Thiếu Idempotency-Key.' });
    }
    const document = parseObject(body);
    if (!document || typeof document.MaHoSo !== 'string' || typeof document.TrangThaiHoSo !== 'number') {
      return answer(res, 400, { message: 'Dữ liệu hồ sơ không hợp lệ.' });
    }
    if (keys.has(key)) return answer(res, 409, { message: 'Trạng thái đã được tiếp nhận trước đó.' });
    keys.add(key);
    received.push({
      key,
      dossierCode: document.MaHoSo,
      statusSeq: Number(document.SoThuTuTrangThai),
      status: document.TrangThaiHoSo,
      document,
      receivedAt: new Date().toISOString(),
    });
    return answer(res, 200, { message: 'Đã tiếp nhận.' });
  }

  async function control(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseObject(await readBody(req));
    const next = body?.mode;
    const delay = body?.delayMs;
    if (
      (next !== 'up' && next !== 'down' && next !== 'slow') ||
      (delay !== undefined && typeof delay !== 'number')
    ) {
      return answer(res, 400, { message: "mode phải là 'up', 'down' hoặc 'slow'; delayMs là số." });
    }
    setMode(next, delay);
    return answer(res, 200, { mode, delayMs });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route =
      req.method === 'POST' && path === SYNC_PATH
        ? sync(req, res)
        : req.method === 'POST' && path === '/_control/mode'
          ? control(req, res)
          : req.method === 'GET' && path === '/_received'
            ? Promise.resolve(answer(res, 200, { mode, raw, received }))
            : Promise.resolve(answer(res, 404, { message: 'Không có.' }));
    route.catch(() => {
      if (!res.headersSent) answer(res, 400, { message: 'Yêu cầu không đọc được.' });
      else res.destroy();
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host}:${port}`;
  return {
    url: `${baseUrl}${SYNC_PATH}`,
    baseUrl,
    received,
    rawCount: () => raw,
    setMode,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
