import { describe, expect, it } from 'vitest';
import { dossierListItemSchema, toDossierListItem } from './dossier-list-item.js';

describe('a dossier as a list line', () => {
  const row = {
    code: '000.00.53.H48-261201-0001',
    procedure_code: 'P1',
    procedure_name: 'Cấp bản sao văn bằng',
    status: 3 as const,
    phase: 'processing' as const,
    current_division: 'QLCL',
    assignee_username: null,
    received_at: new Date(Date.UTC(2026, 11, 1, 2, 0)),
    appointment_at: new Date(Date.UTC(2026, 11, 8, 10, 0)),
    step_deadline: null,
    overdue: false,
    at_risk: true,
    apology_signed_at: new Date(Date.UTC(2026, 11, 8, 11, 0)),
    apology_late: true,
  };

  it('maps the projection row with instants in Vietnam time, and fits its schema', () => {
    const item = toDossierListItem(row);
    expect(item).toEqual({
      code: '000.00.53.H48-261201-0001',
      procedureCode: 'P1',
      procedureName: 'Cấp bản sao văn bằng',
      status: 3,
      phase: 'processing',
      division: 'QLCL',
      assignee: null,
      receivedAt: '2026-12-01T09:00:00+07:00',
      appointmentAt: '2026-12-08T17:00:00+07:00',
      stepDeadline: null,
      overdue: false,
      atRisk: true,
      apology: { signedAt: '2026-12-08T18:00:00+07:00', late: true },
    });
    expect(dossierListItemSchema.strict().parse(item)).toEqual(item);
  });
});
