import { describe, expect, it } from 'vitest';
import { type DossierView, type Officer, type Role } from '../api/types';
import { allowedActions } from './permissions';

const officer = (username: string, role: Role, divisionCode: string | null): Officer => ({
  username,
  fullName: username,
  role,
  roleLabel: role,
  tenant: 'default',
  divisionCode,
});

const atStep = (
  step: {
    index: number;
    kind: NonNullable<DossierView['currentStep']>['kind'];
    division: string;
    role: Role;
  },
  extra: Partial<DossierView> = {},
): DossierView =>
  ({
    phase: 'processing',
    overdue: false,
    atRisk: null,
    apology: null,
    apologyRequired: false,
    finishedAt: null,
    currentStep: { stepId: 's', name: null, startedAt: '', deadline: '', assignee: null, ...step },
    ...extra,
  }) as DossierView;

const handling = atStep({ index: 2, kind: 'handling', division: 'QLCL', role: 'specialist' });

describe('actions the console offers', () => {
  it('offers a specialist the work of their division’s step, not decisions', () => {
    expect(allowedActions(officer('specialist', 'specialist', 'QLCL'), handling)).toEqual([
      'complete',
      'send-back',
      'supplement-request',
    ]);
    expect(allowedActions(officer('specialist2', 'specialist', 'GDTRH'), handling)).toEqual([]);
  });

  it('gives the division head assignment and refusal, and the inspectorate nothing', () => {
    const head = allowedActions(officer('head', 'head', 'QLCL'), handling);
    expect(head).toEqual(expect.arrayContaining(['assign', 'complete', 'refuse', 'stop']));
    expect(allowedActions(officer('auditor', 'auditor', 'TTRA'), handling)).toEqual([]);
  });

  it('hides the step from another specialist once it is assigned', () => {
    const assigned = {
      ...handling,
      currentStep: {
        ...handling.currentStep!,
        assignee: { officerId: '1', username: 'minh', fullName: 'Minh' },
      },
    };
    expect(allowedActions(officer('lan', 'specialist', 'QLCL'), assigned)).toEqual([]);
    expect(allowedActions(officer('minh', 'specialist', 'QLCL'), assigned)).toContain('complete');
  });

  it('lets only a leader sign the apology of a late dossier', () => {
    const late = { ...handling, overdue: true, apologyRequired: true };
    expect(allowedActions(officer('director', 'director', 'BGD'), late)).toContain('sign-apology');
    expect(allowedActions(officer('head', 'head', 'QLCL'), late)).not.toContain('sign-apology');
    expect(allowedActions(officer('director', 'director', 'BGD'), handling)).not.toContain('sign-apology');
  });

  it('offers the desk the supplement it waits for and the return of a ready result', () => {
    const desk = officer('receiver', 'receiver', 'BPMC');
    expect(allowedActions(desk, { ...handling, phase: 'awaiting_supplement' })).toEqual([
      'supplement-received',
      'withdraw',
    ]);
    const ready = atStep(
      { index: 6, kind: 'return', division: 'BPMC', role: 'receiver' },
      { phase: 'result_ready' },
    );
    expect(allowedActions(desk, ready)).toEqual(['return']);
  });
});
