/**
 * What the form builders read: plain data the API loads from the dossier projection, its audit trail,
 * the procedure snapshot and the organisation. Defined here so the builders depend on nothing else.
 * Instants are epoch ms.
 */

/** On-time result recorded by an event (Mẫu 05: Trước hạn / Đúng hạn / Quá hạn). */
export type FormOnTime = 'early' | 'on_time' | 'late';

/** The issuing agency (the tenant) and its one-stop desk. */
export interface FormAgency {
  /** e.g. "Sở Giáo dục và Đào tạo tỉnh Ninh Bình". */
  readonly name: string;
  /** Unit code (QCVN 102:2016) that prefixes dossier codes. */
  readonly unitCode: string;
  /** Name of the one-stop desk division, e.g. "Bộ phận Một cửa". */
  readonly deskName: string;
}

export interface FormApplicant {
  readonly fullName: string;
  readonly idNumber: string;
  readonly email: string | null;
  readonly phone: string | null;
}

/** The parts of a procedure version (snapshot) the forms print. */
export interface FormProcedure {
  readonly code: string;
  readonly name: string;
  readonly legalLimit: { readonly amount: number; readonly unit: string };
  readonly fee: { readonly amount: number; readonly note?: string | undefined };
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
}

/** One dossier as the projection holds it. */
export interface FormDossier {
  readonly code: string;
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
}

/** The one-time written guidance given at the desk for an incomplete dossier (no dossier was created). */
export interface ReceiptGuidanceInput {
  readonly agency: FormAgency;
  readonly id: number;
  readonly procedure: { readonly code: string; readonly name: string };
  readonly applicant: FormApplicant;
  readonly missing: readonly { readonly code: string; readonly name: string }[];
  readonly givenAt: number;
  readonly givenBy: { readonly username: string; readonly fullName: string | null };
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
  readonly divisions: Readonly<Record<string, string>>;
  /** Vietnam local dates, inclusive. */
  readonly from: string;
  readonly to: string;
  readonly dossiers: readonly RegisterDossier[];
}
