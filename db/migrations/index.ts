import type { Migration } from 'kysely';
import * as m20261127000000 from './2026_11_27_000000_tenant.js';
import * as m20261127000100 from './2026_11_27_000100_calendar.js';
import * as m20261127000200 from './2026_11_27_000200_organisation.js';
import * as m20261127000300 from './2026_11_27_000300_procedure.js';
import * as m20261127000400 from './2026_11_27_000400_dossier.js';
import * as m20261127000500 from './2026_11_27_000500_stored_file.js';
import * as m20261127000600 from './2026_11_27_000600_payment.js';
import * as m20261127000700 from './2026_11_27_000700_liaison.js';
import * as m20261127000800 from './2026_11_27_000800_notification.js';
import * as m20261127000900 from './2026_11_27_000900_escalation.js';
import * as m20261127001000 from './2026_11_27_001000_rating.js';
import * as m20261205000100 from './2026_12_05_000100_idempotency.js';
import * as m20261205000200 from './2026_12_05_000200_payment_cancel.js';
import * as m20261205000300 from './2026_12_05_000300_dossier_incident.js';
import * as m20261206000100 from './2026_12_06_000100_receiving_unit.js';
import * as m20261206000300 from './2026_12_06_000300_apology_late.js';
import * as m20261206000400 from './2026_12_06_000400_catalog_2025.js';
import * as m20261206000500 from './2026_12_06_000500_report_766.js';
import * as m20261206000600 from './2026_12_06_000600_form_number.js';
import * as m20261207000100 from './2026_12_07_000100_citizen.js';
import * as m20261207000200 from './2026_12_07_000200_vnpay.js';
import * as m20261207000300 from './2026_12_07_000300_national_sync_outbox.js';
import * as m20261207000400 from './2026_12_07_000400_online_submission.js';
import * as m20261207000500 from './2026_12_07_000500_form_issue_online_submission.js';
import * as m20261208000100 from './2026_12_08_000100_archive_package.js';
import * as m20261208000200 from './2026_12_08_000200_personal_data_retention.js';

/**
 * Every migration, by name, in order. Listed statically (not read from the folder) so the same list
 * works from TypeScript sources, from compiled `dist/` and inside a container.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_27_000000_tenant': m20261127000000,
  '2026_11_27_000100_calendar': m20261127000100,
  '2026_11_27_000200_organisation': m20261127000200,
  '2026_11_27_000300_procedure': m20261127000300,
  '2026_11_27_000400_dossier': m20261127000400,
  '2026_11_27_000500_stored_file': m20261127000500,
  '2026_11_27_000600_payment': m20261127000600,
  '2026_11_27_000700_liaison': m20261127000700,
  '2026_11_27_000800_notification': m20261127000800,
  '2026_11_27_000900_escalation': m20261127000900,
  '2026_11_27_001000_rating': m20261127001000,
  '2026_12_05_000100_idempotency': m20261205000100,
  '2026_12_05_000200_payment_cancel': m20261205000200,
  '2026_12_05_000300_dossier_incident': m20261205000300,
  '2026_12_06_000100_receiving_unit': m20261206000100,
  '2026_12_06_000300_apology_late': m20261206000300,
  '2026_12_06_000400_catalog_2025': m20261206000400,
  '2026_12_06_000500_report_766': m20261206000500,
  '2026_12_06_000600_form_number': m20261206000600,
  '2026_12_07_000100_citizen': m20261207000100,
  '2026_12_07_000200_vnpay': m20261207000200,
  '2026_12_07_000300_national_sync_outbox': m20261207000300,
  '2026_12_07_000400_online_submission': m20261207000400,
  '2026_12_07_000500_form_issue_online_submission': m20261207000500,
  '2026_12_08_000100_archive_package': m20261208000100,
  '2026_12_08_000200_personal_data_retention': m20261208000200,
};
