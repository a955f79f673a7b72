/**
 * Shapes of the citizen portal's API (the shared contract of issue #15), written by hand until the
 * portal routes are in the generated OpenAPI types. Instants are ISO-8601 strings with the +07:00 offset.
 */
import type { RatingLevel } from '../components/rating-form';

export type OnlineLevel = 'full' | 'partial' | 'none';
export type ReturnMethod = 'online' | 'post' | 'counter';
export type ApplicantKind = 'citizen' | 'organisation';
export type NeedsAction = 'complete' | 'supplement' | 'pay' | 'download' | 'rate';
export type PortalForm = 'receipt' | 'guidance' | 'refusal';

/** `GET /portal/me`: the signed-in citizen as the identity provider vouched, and the CSRF token. */
export interface Citizen {
  personalId: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  csrfToken: string;
}

export interface ProcedureComponent {
  code: string;
  name: string;
  required: boolean;
  copyForm: string | null;
}

export interface ProcedureCard {
  code: string;
  name: string;
  field: string;
  onlineLevel: OnlineLevel;
  onlineLevelLabel: string;
  legalLimit: { amount: number; unit: string; text: string };
  fee: { amount: number; per: 'dossier' | 'copy'; note: string | null; text: string };
  resultKind: string;
  resultName: string;
  components: ProcedureComponent[];
}

export interface ProcedureDetail extends ProcedureCard {
  receivingUnits: { code: string; name: string }[];
  returnMethods: ReturnMethod[];
  asksCopies: boolean;
}

export interface PortalDraft {
  data: unknown;
  savedAt: string;
}

/** `POST /portal/uploads`: the stored file (content-addressed: `fileId` is its SHA-256). */
export interface Upload {
  fileId: string;
  name: string;
  contentType: string;
  size: number;
}

export interface ApplicantBody {
  kind: ApplicantKind;
  fullName: string;
  idNumber: string;
  address: string;
  phone?: string;
  email?: string;
  representative?: {
    fullName: string;
    idNumber: string;
    authorisation: { document: string; issuedOn?: string };
  };
}

export interface ComponentFile {
  code: string;
  fileId: string;
}

export interface SubmissionBody {
  procedureCode: string;
  receivingUnit: string;
  returnMethod: ReturnMethod;
  applicant: ApplicantBody;
  components: ComponentFile[];
  copies?: number;
}

export interface SubmissionAnswer {
  code: string;
  nationalStatus: number;
  statusLabel: string;
  submittedAt: string;
}

export interface PortalDossierItem {
  code: string;
  procedureName: string;
  submittedAt: string;
  nationalStatus: number;
  statusLabel: string;
  appointmentAt: string | null;
  needsAction: NeedsAction | null;
}

export interface PortalDossier {
  code: string;
  procedure: { code: string; name: string };
  submittedAt: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  nationalStatus: number;
  statusLabel: string;
  returnMethod: ReturnMethod;
  receivingUnit: { code: string; name: string };
  applicant: ApplicantBody;
  components: { code: string; name: string; fileId: string; fileName: string }[];
  history: { at: string; text: string }[];
  request: {
    kind: 'complete' | 'supplement';
    at: string;
    text: string;
    components: { code: string; name: string }[];
  } | null;
  payment: { amount: number; status: 'pending' | 'paid'; payable: boolean } | null;
  result: { available: boolean; fileName: string | null };
  rating: { level: RatingLevel; comment: string | null } | null;
  canRate: boolean;
  refusal: { at: string; reason: string } | null;
}

/** Body of `POST /portal/dossiers/:code/complete` and `/supplement`. */
export interface AddedFilesBody {
  components: ComponentFile[];
  note?: string;
}
