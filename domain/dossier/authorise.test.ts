import { describe, expect, test } from 'vitest';
import { devUsers } from '../../db/seed/organisation.seed.js';
import type { ProcedureStep } from '../procedure/procedure-definition.js';
import type { Role } from '../roles.js';
import { authoriseAssignment, authoriseDecision, authoriseDeskWork, authoriseStepWork } from './authorise.js';
import type { Actor, CurrentStep } from './types.js';

const officer = (username: string, role: Role, divisionCode: string | null): Actor => ({
  officerId: `officer-${username}`,
  username,
  fullName: username,
  role,
  divisionCode,
});

function devActor(username: string): Actor {
  const user = devUsers.find((u) => u.username === username);
  if (!user) throw new Error(`No dev user ${username}`);
  return officer(user.username, user.role, user.divisionCode);
}

const receiver = devActor('receiver'); // BPMC
const specialist = devActor('specialist'); // QLCL
const head = devActor('head'); // QLCL
const deputy = devActor('deputy'); // BGD
const director = devActor('director'); // BGD
const auditor = devActor('auditor'); // TTRA
const admin = devActor('admin'); // no division
const specialist2 = devActor('specialist2'); // GDTRH
const head2 = devActor('head2'); // GDTRH
/** Hypothetical officers the seed does not have. */
const otherQlclSpecialist = officer('specialist3', 'specialist', 'QLCL');
const deskHead = officer('truong-bpmc', 'head', 'BPMC');
const receiverElsewhere = officer('tiep-nhan-vp', 'receiver', 'VP');
const specialistWithoutDivision = officer('no-division', 'specialist', null);

const step = (kind: ProcedureStep['kind'], division: string, role: Role): ProcedureStep => ({
  id: `${kind}-${division.toLowerCase()}`,
  name: `Bước ${kind}`,
  kind,
  division,
  role,
  budgetHours: 4,
});
const current = (assignee: Actor | null = null): CurrentStep => ({
  stepId: 'x',
  index: 1,
  startedAt: 0,
  deadline: 0,
  assignee: assignee && {
    officerId: assignee.officerId,
    username: assignee.username,
    fullName: assignee.fullName,
  },
});
const code = (rejection: { code: string } | null): string => rejection?.code ?? 'OK';

const RECEIPT = step('receipt', 'BPMC', 'receiver');
const QLCL_HANDLING = step('handling', 'QLCL', 'specialist');
const QLCL_REVIEW = step('handling', 'QLCL', 'head');
const DEPUTY_SIGNATURE = step('approval', 'BGD', 'deputy');
const DIRECTOR_SIGNATURE = step('approval', 'BGD', 'director');

describe('authoriseStepWork: the officer of the step, the head over specialists, either leader, the admin', () => {
  test.each([
    ['the receiver at the receipt step', receiver, RECEIPT, 'OK'],
    ['a BPMC head at the receipt step (a receiver step)', deskHead, RECEIPT, 'DOSSIER.WRONG_ROLE'],
    [
      'a receiver of another division at the receipt step',
      receiverElsewhere,
      RECEIPT,
      'DOSSIER.WRONG_DIVISION',
    ],
    ['the QLCL specialist on a QLCL specialist step', specialist, QLCL_HANDLING, 'OK'],
    ['the QLCL head on a QLCL specialist step', head, QLCL_HANDLING, 'OK'],
    ['the QLCL specialist on a QLCL head step', specialist, QLCL_REVIEW, 'DOSSIER.WRONG_ROLE'],
    ['the GDTRH specialist on a QLCL specialist step', specialist2, QLCL_HANDLING, 'DOSSIER.WRONG_DIVISION'],
    ['the GDTRH head on a QLCL specialist step', head2, QLCL_HANDLING, 'DOSSIER.WRONG_DIVISION'],
    ['a specialist without a division', specialistWithoutDivision, QLCL_HANDLING, 'DOSSIER.WRONG_DIVISION'],
    ['the deputy on a QLCL specialist step', deputy, QLCL_HANDLING, 'DOSSIER.WRONG_DIVISION'],
    ['the director on a QLCL head step', director, QLCL_REVIEW, 'DOSSIER.WRONG_DIVISION'],
    ['the deputy on a deputy signature', deputy, DEPUTY_SIGNATURE, 'OK'],
    ['the director on a deputy signature', director, DEPUTY_SIGNATURE, 'OK'],
    ['the deputy on a director signature', deputy, DIRECTOR_SIGNATURE, 'OK'],
    ['the QLCL head on a deputy signature', head, DEPUTY_SIGNATURE, 'DOSSIER.WRONG_ROLE'],
    ['the auditor on the receipt step', auditor, RECEIPT, 'DOSSIER.READ_ONLY_ROLE'],
    ['the auditor on a deputy signature', auditor, DEPUTY_SIGNATURE, 'DOSSIER.READ_ONLY_ROLE'],
    ['the admin on the receipt step', admin, RECEIPT, 'OK'],
    ['the admin on a director signature', admin, DIRECTOR_SIGNATURE, 'OK'],
  ])('%s: %s', (_what, actor, s, expected) => {
    expect(code(authoriseStepWork(actor, s, current(), 'BPMC'))).toBe(expected);
  });

  test.each([
    ['the assigned specialist', specialist, 'OK'],
    ['another QLCL specialist', otherQlclSpecialist, 'DOSSIER.NOT_ASSIGNEE'],
    ['the QLCL head', head, 'OK'],
    ['the admin', admin, 'OK'],
    ['the GDTRH specialist (division first)', specialist2, 'DOSSIER.WRONG_DIVISION'],
  ])('a step assigned to "specialist": %s → %s', (_what, actor, expected) => {
    expect(code(authoriseStepWork(actor, QLCL_HANDLING, current(specialist), 'BPMC'))).toBe(expected);
  });

  test('the wrong-division message names the division of the step', () => {
    expect(authoriseStepWork(specialist2, QLCL_HANDLING, current(), 'BPMC')).toMatchObject({
      kind: 'forbidden',
      message: expect.stringContaining('QLCL') as string,
    });
  });
});

describe('authoriseAssignment: the division head, the leadership, the admin', () => {
  test.each([
    ['the QLCL head', head, 'OK'],
    ['the deputy', deputy, 'OK'],
    ['the director', director, 'OK'],
    ['the admin', admin, 'OK'],
    ['the GDTRH head', head2, 'DOSSIER.WRONG_DIVISION'],
    ['the QLCL specialist', specialist, 'DOSSIER.WRONG_ROLE'],
    ['the receiver', receiver, 'DOSSIER.WRONG_ROLE'],
    ['the auditor', auditor, 'DOSSIER.READ_ONLY_ROLE'],
  ])('%s assigning a QLCL step: %s', (_who, actor, expected) => {
    expect(code(authoriseAssignment(actor, QLCL_HANDLING))).toBe(expected);
  });
});

describe('authoriseDecision (refuse, stop): the head of the step division, the leadership, the admin', () => {
  test.each([
    ['the QLCL head', head, 'OK'],
    ['the deputy', deputy, 'OK'],
    ['the director', director, 'OK'],
    ['the admin', admin, 'OK'],
    ['the GDTRH head', head2, 'DOSSIER.WRONG_DIVISION'],
    ['the QLCL specialist', specialist, 'DOSSIER.WRONG_ROLE'],
    ['the receiver', receiver, 'DOSSIER.WRONG_ROLE'],
    ['the auditor', auditor, 'DOSSIER.READ_ONLY_ROLE'],
  ])('%s deciding on a dossier at a QLCL step: %s', (_who, actor, expected) => {
    expect(code(authoriseDecision(actor, QLCL_HANDLING))).toBe(expected);
  });

  test('without a step any division head may decide', () => {
    expect(authoriseDecision(head2, null)).toBeNull();
  });
});

describe('authoriseDeskWork: the receivers of the one-stop desk, the admin', () => {
  test.each([
    ['the BPMC receiver', receiver, 'OK'],
    ['the admin', admin, 'OK'],
    ['a receiver of another division', receiverElsewhere, 'DOSSIER.WRONG_DIVISION'],
    ['a BPMC head', deskHead, 'DOSSIER.WRONG_ROLE'],
    ['the deputy', deputy, 'DOSSIER.WRONG_ROLE'],
    ['the QLCL specialist', specialist, 'DOSSIER.WRONG_ROLE'],
    ['the auditor', auditor, 'DOSSIER.READ_ONLY_ROLE'],
  ])('%s doing desk work: %s', (_who, actor, expected) => {
    expect(code(authoriseDeskWork(actor, 'BPMC'))).toBe(expected);
  });
});
