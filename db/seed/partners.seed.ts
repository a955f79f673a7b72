import { randomBytes } from 'node:crypto';
import type { UnitCodes } from '../../domain/unit-codes.js';
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
export function partnerAgencies(units: UnitCodes): readonly SeedPartnerAgency[] {
  return [
    {
      code: 'UBND_TINH',
      name: 'Ủy ban nhân dân tỉnh Ninh Bình',
      // Configured (`PROVINCE_COMMITTEE_UNIT_CODE`, config/units.ts); its default is UNCONFIRMED.
      unitCode: units.provincialCommittee,
      // Development address: set the văn thư's real mailbox (and a webhook, if any) in production.
      email: 'vanthu.ubnd@ninhbinh.local',
      webhookUrl: null,
    },
  ];
}

/** A fresh random key for an agency's answer links: 32 bytes, base64url (43 characters). */
export const newCallbackSecret = (): string => randomBytes(32).toString('base64url');

/**
 * Seeds the partner agencies of a tenant: each one missing is inserted with a new random callback key;
 * an existing one is never overwritten (its key signs links already sent, and an administrator may have
 * set its real address). Returns how many were inserted.
 */
export async function seedPartnerAgencies(db: Executor, tenant: string, units: UnitCodes): Promise<number> {
  let inserted = 0;
  for (const partner of partnerAgencies(units)) {
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
