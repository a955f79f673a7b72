import { randomBytes } from 'node:crypto';
import type { Executor } from '../database.js';
import { insertPartnerAgencyIfMissing } from '../liaison.repository.js';

/** A partner agency as seeded (its callback key is generated at seeding, never written here). */
export interface SeedPartnerAgency {
  code: string;
  name: string;
  unitCode: string;
  email: string;
  webhookUrl: string | null;
}

/**
 * The partner agencies of the default tenant's liaison procedures (procedure definitions name them by
 * `partnerCode`, see `procedures.seed.ts`).
 */
export const partnerAgencies: readonly SeedPartnerAgency[] = [
  {
    code: 'UBND_TINH',
    name: 'Ủy ban nhân dân tỉnh Ninh Bình',
    // PLACEHOLDER — UNCONFIRMED: the UBND tỉnh's electronic identifier per QCVN 102:2016.
    unitCode: '000.00.00.H42',
    // Development address: set the văn thư's real mailbox (and a webhook, if any) in production.
    email: 'vanthu.ubnd@ninhbinh.local',
    webhookUrl: null,
  },
];

/** A fresh random key for an agency's answer links: 32 bytes, base64url (43 characters). */
export const newCallbackSecret = (): string => randomBytes(32).toString('base64url');

/**
 * Seeds the partner agencies of a tenant: each one missing is inserted with a new random callback key;
 * an existing one is never overwritten (its key signs links already sent, and an administrator may have
 * set its real address). Returns how many were inserted.
 */
export async function seedPartnerAgencies(db: Executor, tenant: string): Promise<number> {
  let inserted = 0;
  for (const partner of partnerAgencies) {
    const created = await insertPartnerAgencyIfMissing(db, {
      tenant,
      code: partner.code,
      name: partner.name,
      unit_code: partner.unitCode,
      email: partner.email,
      webhook_url: partner.webhookUrl,
      callback_secret: newCallbackSecret(),
    });
    if (created) inserted += 1;
  }
  return inserted;
}
