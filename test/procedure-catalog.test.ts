import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertTenant } from '../db/organisation.repository.js';
import {
  findProcedureInForce,
  findProcedureVersion,
  insertProcedureVersion,
  listProcedures,
} from '../db/procedure.repository.js';
import { seedDatabase } from '../db/seed/index.js';
import { defaultTenant } from '../db/seed/organisation.seed.js';
import { seedProcedureCatalog, seedProcedures } from '../db/seed/procedures.seed.js';
import {
  validateProcedureDefinition,
  type ProcedureDefinition,
} from '../domain/procedure/procedure-definition.js';
import { connectTestDatabase } from './support/db.js';

const CORRECTION = '2.001914.000.00.00.H42';

function seeded(code: string): ProcedureDefinition {
  const def = seedProcedures.find((p) => p.code === code);
  if (!def) throw new Error(`no seeded procedure ${code}`);
  return def;
}

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

  it('seeds version 1 of every procedure once: a second run publishes nothing', async () => {
    const first = await db.transaction().execute((trx) => seedProcedureCatalog(trx, tenant));
    const second = await db.transaction().execute((trx) => seedProcedureCatalog(trx, tenant));

    expect([first, second]).toEqual([seedProcedures.length, 0]);
    const rows = await db.selectFrom('procedure_version').selectAll().where('tenant', '=', tenant).execute();
    expect(rows).toHaveLength(seedProcedures.length);
    expect(rows.every((r) => r.version === 1 && r.published_by === 'seed')).toBe(true);
    expect(rows.every((r) => r.effective_from === '2024-01-01')).toBe(true);

    const list = await listProcedures(db, tenant);
    expect(list.map((p) => p.code)).toEqual(seedProcedures.map((p) => p.code).sort());
    expect(list.find((p) => p.code === '1.006388.000.00.00.H42')).toEqual({
      code: '1.006388.000.00.00.H42',
      name: 'Thành lập trường trung học phổ thông công lập hoặc cho phép thành lập trường trung học phổ thông tư thục',
      version: 1,
      effectiveFrom: '2024-01-01',
      field: 'Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân và các cơ sở giáo dục khác',
      legalLimit: { amount: 25, unit: 'working_days' },
      fee: { amount: 0 },
      onlineLevel: 'partial',
    });
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
    expect(await inForce('2023-12-31')).toBeUndefined();
    expect(await inForce('2024-01-01')).toBe(1);
    expect(await inForce('2025-12-31')).toBe(1);
    expect(await inForce('2026-01-01')).toBe(2);
    expect(await findProcedureInForce(db, tenant, 'KHONG-CO', '2026-01-01')).toBeUndefined();

    const listed = (await listProcedures(db, tenant)).find((p) => p.code === CORRECTION);
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
    await seedDatabase(db, { devUsers: false });
    await seedDatabase(db, { devUsers: false });
    const list = await listProcedures(db, defaultTenant.code);
    expect(list).toHaveLength(seedProcedures.length);
    expect(list.every((p) => p.version === 1)).toBe(true);
  });
});
