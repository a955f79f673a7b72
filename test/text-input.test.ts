/**
 * One definition of acceptable text everywhere input enters (domain/text.ts), on the real app, Temporal
 * dev server and PostgreSQL. Walks `/openapi.json`: every operation, every string input it declares (path
 * and query parameters, JSON body properties, nested objects and arrays of strings) gets a NUL, a lone
 * surrogate and an invisible-only value, and must be refused (400 naming the input, or 401/403/404/415 where
 * the route refuses earlier), never 5xx, never 2xx. Then, on a live dossier: an action with a NUL in its
 * note is refused and changes nothing, and the same action with a clean note goes through; the workflow
 * itself refuses such an action sent by a client that bypasses the API.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AppInstance } from '../api/app.js';
import { createFileStore } from '../common/file-store.js';
import type { Database } from '../db/database.js';
import { dossierActionUpdate } from '../workflows/dossier/messages.js';
import { buildTestApp, loginAs, testTemporalClient } from './support/app.js';
import { connectTestDatabase } from './support/db.js';
import {
  apiDriver,
  dossierOf,
  historyOf,
  multipartForm,
  samplePdf,
  type ApiDriver,
  type DossierBody,
} from './support/dossiers.js';
import { testLogger } from './support/logger.js';
import { eventually, startDevWorker, type RunningWorker } from './support/temporal.js';

// ---------------------------------------------------------------------------------------------------------
// The OpenAPI document, as far as the walk needs it.

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema?: JsonSchema;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

type OpenApi = { paths: Record<string, Record<string, Operation>> };

/** The schema's alternatives (zod's nullable/optional become anyOf with null). */
const variants = (s: JsonSchema | undefined): JsonSchema[] =>
  s ? [s, ...(s.anyOf ?? []).flatMap(variants), ...(s.oneOf ?? []).flatMap(variants)] : [];
const hasType = (s: JsonSchema | undefined, type: string): boolean =>
  variants(s).some((v) => v.type === type || (Array.isArray(v.type) && v.type.includes(type)));
const objectOf = (s: JsonSchema | undefined): JsonSchema | undefined =>
  variants(s).find((v) => v.properties !== undefined);

/** A string input of the body: where it is (path of keys and indexes) and its field name in answers. */
interface BodyInput {
  path: (string | number)[];
}

/** Every string input of a JSON body schema: top level, nested objects, arrays of strings (first item). */
function bodyInputs(schema: JsonSchema | undefined, prefix: (string | number)[] = []): BodyInput[] {
  const object = objectOf(schema);
  if (!object?.properties) return [];
  return Object.entries(object.properties).flatMap(([name, prop]): BodyInput[] => {
    const path = [...prefix, name];
    if (hasType(prop, 'string')) return [{ path }];
    const items = variants(prop).find((v) => v.items)?.items;
    if (items && hasType(items, 'string')) return [{ path: [...path, 0] }];
    if (objectOf(prop)) return bodyInputs(prop, path);
    return [];
  });
}

/** `{ applicant: { fullName: value } }` for the path ['applicant', 'fullName']. */
function bodyWith(path: (string | number)[], value: string): unknown {
  const [head, ...rest] = path;
  const inner = rest.length === 0 ? value : bodyWith(rest, value);
  return typeof head === 'number' ? [inner] : { [head as string]: inner };
}

/** A harmless valid-looking value for a path parameter that is not the one under test. */
function benign(p: Parameter): string {
  const first = variants(p.schema).find((v) => v.enum)?.enum?.[0];
  if (typeof first === 'string' || typeof first === 'number') return String(first);
  if (hasType(p.schema, 'integer') || hasType(p.schema, 'number')) return '1';
  if (p.name === 'tenant') return 'default';
  return 'KHONG-TON-TAI';
}

// ---------------------------------------------------------------------------------------------------------
// The bad values

const NUL = '\u0000';
const LONE_SURROGATE = '\ud800';
const INVISIBLE = '\u200b\u200b';

/**
 * How a bad value travels in a URL. A lone surrogate has no UTF-8 form: it is sent as the bytes a careless
 * encoder (WTF-8/CESU-8) would produce, %ED%A0%80.
 */
const inUrl = (value: string): string =>
  [...value]
    .map((ch) => (ch.length === 1 && ch >= '\ud800' && ch <= '\udfff' ? '%ED%A0%80' : encodeURIComponent(ch)))
    .join('');

const badValues = [
  ['a NUL', `x${NUL}y`],
  ['a lone surrogate', `x${LONE_SURROGATE}y`],
  ['an invisible-only value', INVISIBLE],
] as const;

/** Answers allowed when a route refuses before looking at the input. */
const EARLIER_REFUSALS = [401, 403, 404, 415];

interface Probe {
  operation: string;
  method: string;
  url: string;
  body?: unknown;
  /** The field the answer must name on a 400 (`params.code`, `query.from`, `body.note`…). */
  field: string;
}

function probesOf(spec: OpenApi, value: string): Probe[] {
  const probes: Probe[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const operation = op.operationId ?? `${method.toUpperCase()} ${template}`;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const urlWith = (bad?: Parameter, query = '') =>
        template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
          const p = pathParams.find((q) => q.name === name)!;
          return p === bad ? inUrl(value) : encodeURIComponent(benign(p));
        }) + query;
      const json = op.requestBody?.content?.['application/json']?.schema;
      // A body-less call of a route that takes a JSON body still sends `{}`, so the body is not at fault.
      const emptyBody = json ? {} : undefined;
      for (const p of pathParams) {
        if (!hasType(p.schema, 'string')) continue;
        probes.push({ operation, method, url: urlWith(p), body: emptyBody, field: `params.${p.name}` });
      }
      for (const p of params.filter((q) => q.in === 'query')) {
        if (!hasType(p.schema, 'string')) continue;
        const query = `?${encodeURIComponent(p.name)}=${inUrl(value)}`;
        probes.push({
          operation,
          method,
          url: urlWith(undefined, query),
          body: emptyBody,
          field: `query.${p.name}`,
        });
      }
      for (const input of bodyInputs(json)) {
        probes.push({
          operation,
          method,
          url: urlWith(),
          body: bodyWith(input.path, value),
          field: ['body', ...input.path].join('.'),
        });
      }
    }
  }
  return probes;
}

// ---------------------------------------------------------------------------------------------------------

let db: Database;
let worker: RunningWorker;
let app: AppInstance;
let api: ApiDriver;
let files: string;
let admin: { authorization: string };
let spec: OpenApi;

beforeAll(async () => {
  db = connectTestDatabase();
  files = inject('storageRoot');
  worker = await startDevWorker({ db, log: testLogger });
  app = await buildTestApp(
    db,
    { files: { store: createFileStore({ root: files }), maxBytes: 1024 * 1024 } },
    worker.taskQueue,
  );
  api = apiDriver(app);
  admin = await loginAs(app, 'admin');
  const res = await app.inject({ url: '/openapi.json' });
  expect(res.statusCode).toBe(200);
  spec = res.json<OpenApi>();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await worker?.stop();
  await db?.destroy();
});

describe('every string input of the OpenAPI document refuses unacceptable text', () => {
  it('the walk finds the inputs where text enters', () => {
    const fields = probesOf(spec, NUL).map((p) => `${p.operation} ${p.field}`);
    for (const expected of [
      'completeDossierStep body.note',
      'completeDossierStep params.code',
      'requestSupplement body.items.0',
      'receiveDossier body.applicant.fullName',
      'receiveDossier body.components.0',
      'listDossiers query.assignee',
      'listCalendarDays query.from',
      'lookupDossier body.code',
      'rateDossier body.comment',
      'login body.password',
      'answerLiaison body.note',
      'openVnpayPayment params.reference',
    ]) {
      expect(fields).toContain(expected);
    }
    expect(fields.length).toBeGreaterThan(60);
  });

  it.each(badValues)(
    '%s is a 4xx naming the input, never a 5xx or a 2xx',
    async (_what, value) => {
      const failures: string[] = [];
      for (const probe of probesOf(spec, value)) {
        const res = await app.inject({
          method: probe.method.toUpperCase() as 'GET',
          url: probe.url,
          headers: admin,
          ...(probe.body === undefined ? {} : { payload: probe.body as object }),
        });
        const where = `${probe.operation} ${probe.field} (${probe.method.toUpperCase()} ${probe.url})`;
        if (value.includes(LONE_SURROGATE) && !probe.field.startsWith('body.')) {
          // No lone surrogate can reach a route through a URL: the router refuses the bytes in a path (400,
          // the part at fault unknown) and a query keeps them as the literal text "%ED%A0%80", which is
          // acceptable. Only a server error would be wrong here.
          if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        } else if (
          res.statusCode === 400 &&
          !String(res.headers['content-type']).startsWith('application/json')
        ) {
          failures.push(`${where}: 400 ${String(res.headers['content-type'])} ${res.body.slice(0, 300)}`);
        } else if (res.statusCode === 400) {
          const body = res.json<{ field?: string; issues?: { field: string }[] }>();
          const named = [body.field, ...(body.issues ?? []).map((i) => i.field)];
          if (!named.includes(probe.field)) failures.push(`${where}: 400 names ${named.join(', ')}`);
        } else if (!EARLIER_REFUSALS.includes(res.statusCode)) {
          failures.push(`${where}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );
});

/** The receipt's audit event is stored by the worker shortly after the answer: wait for it. */
const receiptStored = (code: string) =>
  eventually(async () => ((await historyOf(api, code)).items.length > 0 ? true : undefined));

describe('a live dossier', () => {
  it('refuses a note with a NUL and changes nothing; the same action with a clean note goes through', async () => {
    const received = await api.receive();
    expect(received.statusCode, received.body).toBe(201);
    const { code } = received.json<DossierBody>();
    const before = await dossierOf(api, code);
    expect(before.currentStep?.stepId).toBe('tiep-nhan');
    await receiptStored(code);

    const refused = await api.act(code, 'complete', 'receiver', {
      stepId: 'tiep-nhan',
      note: `Đủ thành phần${NUL}`,
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'body.note' });

    const after = await dossierOf(api, code);
    expect(after.currentStep).toEqual(before.currentStep);
    expect(after.status).toBe(before.status);
    expect((await historyOf(api, code)).items.map((i) => i.type)).toEqual(['receive']);

    const done = await api.act(code, 'complete', 'receiver', {
      stepId: 'tiep-nhan',
      note: '  Đủ thành phần hồ sơ  ',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<DossierBody>().currentStep?.stepId).toBe('phan-cong');
    const history = await historyOf(api, code);
    expect(history.chainValid).toBe(true);
    expect(history.items.at(-1)).toMatchObject({
      type: 'complete',
      payload: { note: 'Đủ thành phần hồ sơ' },
    });
  }, 60_000);

  it('refuses an unacceptable stepId in the multipart result-file form', async () => {
    const received = await api.receive();
    const { code } = received.json<DossierBody>();
    const form = multipartForm([
      { name: 'stepId', value: `so-hoa-ket-qua${NUL}` },
      { name: 'file', filename: 'ket-qua.pdf', data: samplePdf() },
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/dossiers/${encodeURIComponent(code)}/result-file`,
      headers: { ...(await api.as('vanthu')), ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'body.stepId' });
  }, 60_000);

  it('the workflow refuses the same action from a client that bypasses the API (DOSSIER.INVALID_TEXT)', async () => {
    const received = await api.receive();
    const { code } = received.json<DossierBody>();
    const receiver = await dossierOf(api, code);
    await receiptStored(code);
    const actor = {
      officerId: '00000000-0000-4000-8000-000000000000',
      username: 'receiver',
      fullName: 'Cán bộ tiếp nhận',
      role: 'receiver' as const,
      divisionCode: 'BPMC',
    };
    const handle = testTemporalClient().workflow.getHandle(code);
    const failure = await handle
      .executeUpdate(dossierActionUpdate, {
        args: [{ action: { type: 'complete', stepId: 'tiep-nhan', note: `x${NUL}` }, actor }],
      })
      .then(
        () => undefined,
        (err: unknown) => err,
      );
    expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (failure as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('DOSSIER.INVALID_TEXT');
    expect((cause as ApplicationFailure).details).toEqual(['invalid', 'note']);
    const after = await dossierOf(api, code);
    expect(after.currentStep).toEqual(receiver.currentStep);
    expect((await historyOf(api, code)).items.map((i) => i.type)).toEqual(['receive']);
  }, 60_000);
});
