/**
 * What the form builders read: plain data the API loads from the dossier projection, its audit trail,
 * the procedure snapshot and the organisation. Defined here so the builders depend on nothing else.
 * Instants are epoch ms.
 */
import type { RuleSetId } from '../rules/rule-sets.js';

/** On-time result recorded by an event (Mẫu 05: Trước hạn / Đúng hạn / Quá hạn). */
export type FormOnTime = 'early' | 'on_time' | 'late';

/** The agency that resolves the dossiers (the tenant, e.g. the Sở). */
export interface FormAgency {
  /** e.g. "Sở Giáo dục và Đào tạo tỉnh Ninh Bình". */
  readonly name: string;
  /** Unit code (QCVN 102:2016) that prefixes dossier codes. */
  readonly unitCode: string;
  /** Symbol in the numbers of the documents it issues, e.g. "SGDĐT". */
  readonly symbol: string;
}

/** A receiving unit (table `receiving_unit`): where dossiers are received and results returned. */
export interface FormUnit {
  readonly code: string;
  /** e.g. "Trung tâm Phục vụ hành chính công xã Hải Hậu". */
  readonly name: string;
  /** The superior body printed above the name, e.g. "ỦY BAN NHÂN DÂN XÃ HẢI HẬU". */
  readonly parentName: string | null;
  readonly symbol: string;
  readonly address: string;
  /** Place name of the date line, e.g. "Hải Hậu". */
  readonly place: string;
}

/** Who files for the applicant, with the authorisation document. */
export interface FormRepresentative {
  readonly fullName: string;
  readonly idNumber: string;
  readonly authorisation: { readonly document: string; readonly issuedOn?: string | undefined };
}

export interface FormApplicant {
  /** citizen: the ID number is a CCCD; organisation: a tax code. Absent on rows received before 2026-12-06. */
  readonly kind?: 'citizen' | 'organisation' | undefined;
  readonly fullName: string;
  readonly idNumber: string;
  readonly address?: string | null | undefined;
  readonly email: string | null;
  readonly phone: string | null;
  readonly representative?: FormRepresentative | null | undefined;
}

/** A document number allocated to a form of the dossier (table `form_issue`). */
export interface FormIssue {
  readonly kind: string;
  readonly occurrence: number;
  readonly number: number;
  /** "PTN-TTPVHCC": what follows the number. */
  readonly symbol: string;
}

/** Where a dossier meets the applicant: received at, and the result back by counter (of a unit), post or online. */
export interface FormDesk {
  readonly receivingUnit: FormUnit;
  readonly returnMethod: 'counter' | 'post' | 'online';
  readonly returnUnit: FormUnit;
}

/** The parts of a procedure version (snapshot) the forms print. */
export interface FormProcedure {
  readonly code: string;
  readonly name: string;
  readonly legalLimit: { readonly amount: number; readonly unit: string };
  readonly fee: {
    readonly amount: number;
    /** `copy`: the amount is per copy asked for (FormDossier `copies`); absent: per dossier. */
    readonly per?: 'dossier' | 'copy' | undefined;
    readonly note?: string | undefined;
  };
  readonly components: readonly {
    readonly code: string;
    readonly name: string;
    readonly required: boolean;
    readonly copyForm?: string | undefined;
  }[];
  readonly steps: readonly {
    readonly id: string;
    readonly name: string;
    readonly kind: string;
    readonly division: string;
    readonly role: string;
  }[];
  readonly liaison?: readonly { readonly partnerCode: string; readonly partnerName: string }[] | undefined;
  readonly decider: string;
}

/** The apology with a new appointment, as the dossier state records it. */
export interface FormApology {
  readonly signedAt: number;
  readonly signedBy: string;
  readonly signerName: string;
  readonly signerRole: string;
  readonly reason: string;
  readonly previousAppointmentAt: number;
  readonly newAppointmentAt: number;
  /** The legal limit of the apology; absent from apologies signed before it was recorded. */
  readonly dueBy?: number;
  /** Signed after `dueBy`. */
  readonly late?: boolean;
}

/** One dossier as the projection holds it. */
export interface FormDossier {
  readonly code: string;
  /** The rule set the dossier was received under: its forms are those of that set. */
  readonly ruleSet: RuleSetId;
  readonly desk: FormDesk;
  readonly channel: 'direct' | 'online' | 'postal';
  readonly applicant: FormApplicant;
  /** Codes of the components received. */
  readonly components: readonly string[];
  readonly receivedAt: number;
  readonly receivedBy: string;
  readonly appointmentAt: number;
  readonly originalAppointmentAt: number;
  readonly status: number;
  readonly statusLabel: string;
  readonly phase: string;
  readonly resultReadyAt: number | null;
  readonly finishedAt: number | null;
  readonly apology: FormApology | null;
  /** Copies asked for, when the procedure's fee is per copy; else null or absent. */
  readonly copies?: number | null;
}

/** One entry of the dossier's audit trail (table `dossier_event`). */
export interface FormEvent {
  readonly seq: number;
  readonly at: number;
  readonly type: string;
  /** Null for system events (timers, the payment provider, the partner agency). */
  readonly actor: {
    readonly username: string;
    readonly name: string;
    readonly role: string;
    /** The officer's division code (from the organisation), when known. */
    readonly division?: string | null;
  } | null;
  readonly stepId: string | null;
  readonly fromPhase: string | null;
  readonly toPhase: string;
  readonly fromStepId: string | null;
  readonly toStepId: string | null;
  readonly onTime: FormOnTime | null;
  readonly payload: Readonly<Record<string, unknown>>;
}

/** Everything a dossier's forms are built from. */
export interface DossierFormInput {
  readonly agency: FormAgency;
  /** Division code → name (phòng, ban) of the tenant. */
  readonly divisions: Readonly<Record<string, string>>;
  readonly procedure: FormProcedure;
  readonly dossier: FormDossier;
  /** The audit trail, in order. */
  readonly events: readonly FormEvent[];
  /** The numbers allocated to the dossier's forms (none for forms issued before numbering existed). */
  readonly issues: readonly FormIssue[];
}

/** The one-time written guidance given at the desk for an incomplete dossier (no dossier was created). */
export interface ReceiptGuidanceInput {
  readonly agency: FormAgency;
  readonly ruleSet: RuleSetId;
  /** The unit whose desk gave it. */
  readonly unit: FormUnit;
  /** Its number, when it has one (guidance given before numbering existed has none). */
  readonly issue: FormIssue | null;
  readonly id: number;
  readonly procedure: { readonly code: string; readonly name: string };
  readonly applicant: FormApplicant;
  readonly missing: readonly { readonly code: string; readonly name: string }[];
  readonly givenAt: number;
  readonly givenBy: { readonly username: string; readonly fullName: string | null };
}

/**
 * What the forms of an online submission the desk decided on before receiving it are built from: its
 * refusal (Mẫu 03) or a completion request (Mẫu 02). The code printed is the submission's (the code the
 * dossier would have had).
 */
export interface SubmissionFormInput {
  readonly agency: FormAgency;
  /** The rule set of the decision day: the form set printed. */
  readonly ruleSet: RuleSetId;
  /** The receiving unit whose desk checked it: the issuer. */
  readonly unit: FormUnit;
  /** Its number (null only if none was allocated). */
  readonly issue: FormIssue | null;
  readonly code: string;
  readonly procedure: Pick<FormProcedure, 'code' | 'name' | 'components'>;
  readonly applicant: FormApplicant;
  /** Codes of the components filed. */
  readonly components: readonly string[];
  /** The officer who decided. */
  readonly officer: { readonly username: string; readonly fullName: string | null; readonly role: string };
}

export interface SubmissionRefusalInput extends SubmissionFormInput {
  readonly refusedAt: number;
  readonly reason: string;
}

export interface SubmissionCompletionInput extends SubmissionFormInput {
  /** 1-based: which completion request of the submission. */
  readonly requestIndex: number;
  readonly requestCount: number;
  readonly requestedAt: number;
  /** The components to add or redo. */
  readonly items: readonly { readonly code: string; readonly name: string }[];
  readonly note: string;
}

/** One dossier line of the tracking register (Mẫu 06). */
export interface RegisterDossier {
  readonly code: string;
  readonly procedureCode: string;
  readonly procedureName: string;
  readonly applicant: FormApplicant;
  readonly channel: 'direct' | 'online' | 'postal';
  readonly receivedAt: number;
  readonly appointmentAt: number;
  /** Division code of the step that resolves the dossier (first handling step), if known. */
  readonly resolvingDivision: string | null;
  /** When the desk handed the dossier to the resolving division (the receipt step finished). */
  readonly transferredAt: number | null;
  readonly resultReadyAt: number | null;
  /** When the result was returned (phase returned), else null. */
  readonly returnedAt: number | null;
  readonly statusLabel: string;
  readonly phase: string;
}

export interface RegisterInput {
  readonly agency: FormAgency;
  /** The rule set in force on the period's last day: the register is closed then. */
  readonly ruleSet: RuleSetId;
  readonly divisions: Readonly<Record<string, string>>;
  /** Vietnam local dates, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly dossiers: readonly RegisterDossier[];
}
