/**
 * The personal data retention job (docs/personal-data.md) on real Temporal and PostgreSQL: a dossier walked
 * to its return, then past its retention and archived, is anonymised by `anonymiseWorkflow`; afterwards no
 * text or jsonb column of any table holds its applicant's name, ID number, e-mail, phone or address, the
 * year's report is unchanged, a batch audit row names it, and a second run changes nothing.
 */
import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDossierEvents } from '../db/dossier.repository.js';
import { loadReportData } from '../db/report.repository.js';
import { toVnDate } from '../domain/calendar/index.js';
import { computeReport } from '../domain/report/index.js';
import { anonymiseWorkflow } from '../workflows/anonymise.workflow.js';
import { applicant, walkCorrection } from './support/dossiers.js';
import { startDossierHarness, type DossierHarness } from './support/harness.js';
import { testStorage } from './support/storage.js';
import { connectDevServer, eventually } from './support/temporal.js';

const tag = Array.from({ length: 6 }, () => 'abcdeghiklmnopqrstuvxy'[randomInt(22)]).join('');
const person = {
  ...applicant,
  fullName: `Phạm Thị Ngọc ${tag}`,
  idNumber: `0361${String(randomInt(10 ** 8)).padStart(8, '0')}`,
  address: `Số ${randomInt(1000)} ngõ ${tag}, phường Hoa Lư, tỉnh Ninh Bình`,
  email: `${tag}@example.vn`,
  phone: `09${String(randomInt(10 ** 8)).padStart(8, '0')}`,
};

let harness: DossierHarness;
let temporal: Awaited<ReturnType<typeof connectDevServer>>;

beforeAll(async () => {
  harness = await startDossierHarness();
  temporal = await connectDevServer();
});
afterAll(async () => {
  await temporal?.connection.close();
  await harness?.stop();
});

/** Every (table, column) of text or jsonb whose value contains one of `needles`. */
async function wherePersonalDataIs(needles: string[]): Promise<string[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'jsonb', 'json', 'character varying')`.execute(harness.db);
  const found: string[] = [];
  for (const c of columns) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(c.table_name)}
      where ${sql.ref(c.column_name)}::text like any(${needles.map((n) => `%${n}%`)})`.execute(harness.db);
    if (rows[0]!.n > 0) found.push(`${c.table_name}.${c.column_name}`);
  }
  return found;
}

/**
 * What the reports count of the dossier: its row as the report loader reads it (receipt, end, on-time
 * result, channel, unit, fee, rating, appointments), in a window around its dates that no other dossier of
 * the run shares, and the report's figures of that window.
 */
async function statisticsOf(code: string): Promise<unknown> {
  const row = await harness.db
    .selectFrom('dossier')
    .select(['tenant', 'received_at', 'finished_at'])
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  const from = toVnDate(row.received_at.getTime());
  const to = toVnDate(row.finished_at!.getTime());
  const bounds = {
    start: row.received_at.getTime() - 86_400_000,
    end: row.finished_at!.getTime() + 86_400_000,
  };
  const data = await loadReportData(harness.db, row.tenant, bounds);
  const mine = data.dossiers.filter((d) => d.code === code);
  expect(mine).toHaveLength(1);
  const period = { from, to, kind: null, year: null };
  return {
    mine,
    report: computeReport(mine, { period, now: bounds.end, divisionNames: data.divisionNames }),
  };
}

async function runJob(): Promise<{ dossiers: number }> {
  return temporal.client.workflow.execute(anonymiseWorkflow, {
    taskQueue: harness.worker.taskQueue,
    workflowId: `anonymise-test-${tag}-${randomInt(10 ** 6)}`,
    args: [{ limit: 2 }],
  });
}

describe('anonymisation of archived dossiers past their retention', () => {
  it('leaves no personal value in any live table and the report unchanged', async () => {
    const received = await harness.api.receive({ applicant: person });
    expect(received.statusCode, received.body).toBe(201);
    const code = received.json<{ code: string }>().code;
    await walkCorrection(harness.api, code);
    const needles = [person.fullName, person.idNumber, person.email, person.phone, person.address];
    expect(await wherePersonalDataIs(needles)).toContain('dossier.applicant_name');

    // The dossier's workflow files its archival package at the end: wait for it, then play "not archived yet".
    await eventually(async () =>
      (await listDossierEvents(harness.db, code)).some((e) => e.type === 'archived') ? true : undefined,
    );
    await sql`update dossier set archived_at = null where code = ${code}`.execute(harness.db);
    // Not archived: kept whatever its age.
    await sql`update dossier set received_at = received_at - interval '6 years',
      finished_at = finished_at - interval '6 years' where code = ${code}`.execute(harness.db);
    await runJob();
    expect(await wherePersonalDataIs(needles)).toContain('dossier.applicant_name');

    await sql`update dossier set archived_at = now() where code = ${code}`.execute(harness.db);
    const before = await statisticsOf(code);
    const totals = await runJob();
    expect(totals.dossiers).toBeGreaterThanOrEqual(1);
    expect(await wherePersonalDataIs(needles)).toEqual([]);
    expect(await statisticsOf(code)).toEqual(before);
    // The archival package keeps the whole file, readable, its manifest still matching.
    const indexed = await harness.db
      .selectFrom('archive_package')
      .select(['key', 'package_hash'])
      .where('dossier_code', '=', code)
      .executeTakeFirstOrThrow();
    const files = await testStorage().archiveStore.get(indexed.key);
    const text = (name: string) => Buffer.from(files!.find((f) => f.name === name)!.bytes).toString('utf8');
    expect(
      createHash('sha256')
        .update(files!.find((f) => f.name === 'manifest.json')!.bytes)
        .digest('hex'),
    ).toBe(indexed.package_hash);
    expect(text('metadata.json')).toContain(code);
    expect(text('history.json')).toContain(code);

    const row = await harness.db
      .selectFrom('dossier')
      .select(['anonymised_at', 'applicant_name'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    expect(row.anonymised_at).toBeInstanceOf(Date);
    const runs = await sql<{ codes: string[]; actor: string }>`
      select codes, actor from anonymisation_run where codes ? ${code}`.execute(harness.db);
    expect(runs.rows).toHaveLength(1);
    expect(runs.rows[0]!.actor).toMatch(/^system:anonymise:/);

    // Idempotent: the dossier is not picked again.
    await runJob();
    const again = await sql<{ n: number }>`
      select count(*)::int as n from anonymisation_run where codes ? ${code}`.execute(harness.db);
    expect(again.rows[0]!.n).toBe(1);
  });
});
