/**
 * Shapes of the API answers the console reads, by operationId, from `schema.d.ts`: generated from the
 * API's own OpenAPI document (`npm run gen:api`, part of `build` and `typecheck`; not committed), so a
 * change of the API that the console does not follow fails the type-check. Instants are ISO-8601 strings
 * with the +07:00 offset.
 */
import type { ProcedureDefinition as DomainProcedureDefinition } from '../../../domain/procedure/procedure-definition';
import type { operations } from './schema';

type Responses<Op extends keyof operations> = operations[Op]['responses'];

/** The JSON body of operation `Op`'s answer `Status` (200 unless said). */
export type ApiAnswer<
  Op extends keyof operations,
  Status extends keyof Responses<Op> = 200 & keyof Responses<Op>,
> = Responses<Op>[Status] extends { content: { 'application/json': infer Body } } ? Body : never;

export type LoginAnswer = ApiAnswer<'login'>;
export type Officer = ApiAnswer<'getCurrentOfficer'>;
export type Role = Officer['role'];

export type DossierList = ApiAnswer<'listDossiers'>;
export type DossierListItem = DossierList['items'][number];

export type DossierView = ApiAnswer<'getDossier'>;
export type CurrentStepView = NonNullable<DossierView['currentStep']>;
export type StepKind = NonNullable<CurrentStepView['kind']>;
export type Phase = DossierView['phase'];
/** An action the API offers the officer on the dossier (its route under `/dossiers/{code}/`). */
export type ActionPath = DossierView['allowedActions'][number];

/** The signatures of a result: the officers' check of a dossier's result (which may be `unsigned`). */
export type SignatureCheck = ApiAnswer<'dossierResultSignatures'>;
/** The public check (`verifyResult`): a signed PDF's report, same shape. */
export type PublicSignatureCheck = ApiAnswer<'verifyResult'>;

export type DossierHistory = ApiAnswer<'getDossierHistory'>;
export type HistoryItem = DossierHistory['items'][number];

export type ProcedureSummary = ApiAnswer<'listProcedures'>['items'][number];
/**
 * A procedure version. The API documents its definition as an open object (publishing validates it with
 * the domain's own rules, which answer every fault at once): its shape is the domain's type.
 */
export type ProcedureVersion = Omit<ApiAnswer<'getProcedure'>, 'definition'> & {
  definition: ProcedureDefinition;
};
export type ProcedureDefinition = DomainProcedureDefinition;
export type ProcedureStep = ProcedureDefinition['steps'][number];

export type DeadlineAnswer = ApiAnswer<'computeDeadline'>;

export type CalendarDays = ApiAnswer<'listCalendarDays'>;
export type CalendarDay = CalendarDays['days'][number];

export type Division = ApiAnswer<'listDivisions'>['items'][number];
/** `listReceivingUnits`: the Sở's own desk, the Centre, its branches and commune points. */
export type ReceivingUnit = ApiAnswer<'listReceivingUnits'>['items'][number];
export type OfficerSummary = ApiAnswer<'listOfficers'>['items'][number];

/** `GET /dossiers/{code}/assignees`: the officers eligible for the dossier's current step. */
export type DossierAssignees = ApiAnswer<'listDossierAssignees'>;

/** The body of `POST /dossiers` (`receiveDossier`). */
export type ReceiptBody = operations['receiveDossier']['requestBody']['content']['application/json'];
export type ReturnMethod = NonNullable<ReceiptBody['returnTo']>['method'];
export type ApplicantKind = NonNullable<ReceiptBody['applicant']['kind']>;
export type ApplicantView = DossierView['applicant'];
export type DeskView = DossierView['desk'];

/** `GET /dossiers/{code}/forms`: the forms of the dossier's set, with the number and title they print. */
export type DossierFormList = ApiAnswer<'listDossierForms'>;
export type DossierFormListItem = DossierFormList[number];
export type DossierFormKind = DossierFormListItem['kind'];

/** `422 DOSSIER.INCOMPLETE` of a receipt: the one-time guidance (Mẫu 02) was recorded. */
export type IncompleteReceipt = Extract<ApiAnswer<'receiveDossier', 422>, { code: 'DOSSIER.INCOMPLETE' }>;

/** `listLateDossiers`: overdue and at-risk dossiers, counted by division and by procedure. */
export type LateDossiers = ApiAnswer<'listLateDossiers'>;
export type LateDossier = LateDossiers['items'][number];

/** `getReport` (JSON): the figures, Decision 766 indicators and rows of a report period. */
export type ReportAnswer = ApiAnswer<'getReport'>;
export type ReportIndicatorView = ReportAnswer['indicators'][number];
