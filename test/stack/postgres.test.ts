import { afterAll, describe, expect, it } from 'vitest';
import { connectTestDatabase } from '../support/db.js';

describe('PostgreSQL through kysely', () => {
  const db = connectTestDatabase();
  afterAll(() => db.destroy());

  it('round-trips a tenant row with Vietnamese text intact', async () => {
    const code = `t${Date.now()}`;
    await db
      .insertInto('tenant')
      .values({ code, name: 'Sở Giáo dục và Đào tạo tỉnh Ninh Bình', unit_code: `000.00.${code}` })
      .execute();
    const row = await db.selectFrom('tenant').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
    expect(row.name).toBe('Sở Giáo dục và Đào tạo tỉnh Ninh Bình');
    expect(row.created_at).toBeInstanceOf(Date);
    await db.deleteFrom('tenant').where('code', '=', code).execute();
  });
});
