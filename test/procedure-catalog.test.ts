import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertTenant } from '../db/organisation.repository.js';
import {
  findProcedureInForce,
  findProcedureVersion,
  insertProcedureVersion,
  findSuccessor,
  listProcedures,
} from '../db/procedure.repository.js';
import { seedDatabase } from '../db/seed/index.js';
import { defaultTenant } from '../db/seed/organisation.seed.js';
import { seedProcedureCatalog } from '../db/seed/procedures.seed.js';
import {
  validateProcedureDefinition,
  type ProcedureDefinition,
} from '../domain/procedure/procedure-definition.js';
import { connectTestDatabase } from './support/db.js';
import {
  currentSeededProcedures,
  placeholderCode,
  procedureCode,
  seededProcedure,
  seededVersions,
  units,
} from './support/catalog.js';

const CORRECTION = procedureCode('3.000466');
const seeded = seededProcedure;

/** Version 2 of the diploma-correction procedure: in force from 2026, fully online no longer. */
function correctionV2(): ProcedureDefinition {
  const result = validateProcedureDefinition({
    ...seeded(CORRECTION),
    effectiveFrom: '2026-01-01',
    onlineLevel: 'partial',
    name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ (sửa đổi)',
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('procedure catalog', () => {
  const db = connectTestDatabase();
  // A tenant of its own: published versions can never be deleted, so tests must not share codes.
  const tenant = `procedures-${Date.now()}`;

  beforeAll(async () => {
    await upsertTenant(db, { code: tenant, name: 'Sở GDĐT thử nghiệm', unit_code: `000.00.${tenant}` });
  });
  afterAll(() => db.destroy());

  it('seeds every catalog version once (a second run publishes nothing) and lists those in force', async () => {
    const seed = () => db.transaction().execute((trx) => seedProcedureCatalog(trx, tenant, units.province));
    const [first, second] = [await seed(), await seed()];

    expect([first, second]).toEqual([seededVersions.length, 0]);
    const rows = await db.selectFrom('procedure_version').selectAll().where('tenant', '=', tenant).execute();
    expect(rows).toHaveLength(seededVersions.length);
    expect(rows.every((r) => r.published_by === 'seed')).toBe(true);

    // On 30/06/2025 the desk receives the 2024 catalog (and the support policy's May version) …
    const before = await listProcedures(db, tenant, '2025-06-30');
    expect(before.map((p) => p.code)).toContain(procedureCode('1.006388'));
    expect(before.map((p) => p.code)).not.toContain(procedureCode('1.012944'));
    // … from 01/07/2025 the successors, never the codes they replace.
    const list = await listProcedures(db, tenant, '2025-07-01');
    expect(list.map((p) => p.code)).toEqual(currentSeededProcedures.map((p) => p.code).sort());
    expect(list.map((p) => p.code)).not.toContain(procedureCode('1.006388'));
    expect(list.find((p) => p.code === procedureCode('1.012944'))).toEqual({
      code: procedureCode('1.012944'),
      name:
        'Thành lập hoặc cho phép thành lập trường trung học phổ thông, trường phổ thông có nhiều cấp học có ' +
        'cấp học cao nhất là trung học phổ thông',
      version: 1,
      effectiveFrom: '2025-07-01',
      field: 'Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân và các cơ sở giáo dục khác',
      legalLimit: { amount: 25, unit: 'working_days' },
      fee: { amount: 0 },
      onlineLevel: 'partial',
    });
    expect(await listProcedures(db, tenant, '2023-12-31')).toEqual([]);
  });

  it('the successor of a code is found from its effective date on, and only then', async () => {
    const old = procedureCode('2.001914');
    expect(await findSuccessor(db, tenant, old, '2025-06-30')).toBeUndefined();
    expect(await findSuccessor(db, tenant, old, '2025-07-01')).toEqual({
      code: CORRECTION,
      name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
      effectiveFrom: '2025-07-01',
    });
    expect(await findSuccessor(db, tenant, CORRECTION, '2030-01-01')).toBeUndefined();
  });

  it('an installation seeded with the 2024 catalog gets the 2025 versions on its next seed', async () => {
    const older = `${tenant}-2024`;
    await upsertTenant(db, { code: older, name: 'Sở GDĐT 2024', unit_code: `000.01.${older}` });
    const firstCatalog = seededVersions.filter((p) => p.effectiveFrom === '2024-01-01');
    await db.transaction().execute(async (trx) => {
      for (const def of firstCatalog) await insertProcedureVersion(trx, older, def, 'seed');
    });
    const published = await db
      .transaction()
      .execute((trx) => seedProcedureCatalog(trx, older, units.province));
    expect(published).toBe(seededVersions.length - firstCatalog.length);
    const support = placeholderCode('SGDDT.HTHS01');
    expect((await findProcedureInForce(db, older, support, '2025-05-01'))?.version).toBe(2);
  });

  it('publishing version 2 leaves version 1 unchanged, and the version in force is chosen by date', async () => {
    const v2 = await db
      .transaction()
      .execute((trx) => insertProcedureVersion(trx, tenant, correctionV2(), 'admin'));
    expect(v2).toMatchObject({
      code: CORRECTION,
      version: 2,
      effective_from: '2026-01-01',
      published_by: 'admin',
    });
    expect(v2.definition.version).toBe(2);

    const v1 = await findProcedureVersion(db, tenant, CORRECTION, 1);
    expect(v1?.definition).toEqual(seeded(CORRECTION));

    const inForce = async (date: string) =>
      (await findProcedureInForce(db, tenant, CORRECTION, date))?.version;
    expect(await inForce('2025-06-30')).toBeUndefined();
    expect(await inForce('2025-07-01')).toBe(1);
    expect(await inForce('2025-12-31')).toBe(1);
    expect(await inForce('2026-01-01')).toBe(2);
    expect(await findProcedureInForce(db, tenant, 'KHONG-CO', '2026-01-01')).toBeUndefined();

    const listed = (await listProcedures(db, tenant, '2026-01-01')).find((p) => p.code === CORRECTION);
    expect(listed).toMatchObject({ version: 2, onlineLevel: 'partial', effectiveFrom: '2026-01-01' });
  });

  it('concurrent publications of one procedure get consecutive version numbers', async () => {
    const publish = () =>
      db.transaction().execute((trx) => insertProcedureVersion(trx, tenant, correctionV2(), 'admin'));
    const rows = await Promise.all([publish(), publish()]);
    expect(rows.map((r) => r.version).sort()).toEqual([3, 4]);
  });

  it('the database refuses to update or delete a published version', async () => {
    const where = { tenant, code: CORRECTION, version: 1 };
    const update = db
      .updateTable('procedure_version')
      .set({ name: 'Sửa trái phép' })
      .where('tenant', '=', where.tenant)
      .where('code', '=', where.code)
      .where('version', '=', where.version)
      .execute();
    await expect(update).rejects.toThrow(/immutable/);
    const remove = db
      .deleteFrom('procedure_version')
      .where('tenant', '=', where.tenant)
      .where('code', '=', where.code)
      .execute();
    await expect(remove).rejects.toThrow(/immutable/);

    const v1 = await findProcedureVersion(db, tenant, CORRECTION, 1);
    expect(v1?.name).toBe('Chỉnh sửa nội dung văn bằng, chứng chỉ');
  });

  it('seedDatabase publishes the catalog for the default tenant, idempotently', async () => {
    await seedDatabase(db, { devUsers: false, units });
    await seedDatabase(db, { devUsers: false, units });
    // Other files of the run publish their own test procedures in this tenant: look at the seeded codes.
    const seeded = new Set(currentSeededProcedures.map((p) => p.code));
    const list = (await listProcedures(db, defaultTenant.code, '2026-12-01')).filter((p) =>
      seeded.has(p.code),
    );
    const versions = (items: readonly { code: string; version: number }[]) =>
      Object.fromEntries(items.map((p) => [p.code, p.version]));
    expect(versions(list)).toEqual(versions(currentSeededProcedures));
  });
});
