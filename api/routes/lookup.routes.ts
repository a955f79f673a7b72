import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { safeText } from '../../domain/text.js';
import { formatVnIso } from '../../domain/calendar/index.js';
import { nationalStatusLabels, phaseLabels, type DossierState } from '../../domain/dossier/index.js';
import { roleLabels } from '../../domain/role-labels.js';
import type { Database } from '../../db/database.js';
import type { DossierRow } from '../../db/dossier.table.js';
import { findProcedureVersion } from '../../db/procedure.repository.js';
import { findDossier } from '../../db/dossier.repository.js';
import { findApplicantIdNumber, findRating, insertRating } from '../../db/rating.repository.js';
import {
  RATING_COMMENT_MAX,
  ratingLevelLabels,
  ratingLevels,
  type DossierRatingRow,
} from '../../db/rating.table.js';
import type { AppInstance } from '../app-instance.js';
import { ApiError, errorBodySchema } from '../errors.js';
import { acceptedMediaTypes, type FileStore } from '../../common/file-store.js';
import { streamResultFile } from './result-file.routes.js';

export interface LookupRoutesDeps {
  db: Database;
  fileStore: FileStore;
}

/** Stable codes of the citizen lookup and rating. */
export const LookupErrorCode = {
  /** The pair (dossier code, ID number) matches no dossier: the same answer whichever half is wrong. */
  NOT_FOUND: 'LOOKUP.NOT_FOUND',
  /** The result has not been returned yet: no download, no rating. */
  NOT_RETURNED: 'LOOKUP.NOT_RETURNED',
  ALREADY_RATED: 'LOOKUP.ALREADY_RATED',
} as const;

const RESULT_PATH = '/public/lookup/result';

// ---------------------------------------------------------------------------------------------------------
// The proof: dossier code + ID number

const proofShape = {
  code: z
    .string()
    .trim()
    .min(1, 'Nhập mã hồ sơ')
    .max(100, 'Mã hồ sơ quá dài')
    .regex(/^[0-9A-Za-z.-]+$/, 'Mã hồ sơ chỉ gồm chữ, số, dấu chấm và gạch ngang')
    .describe('Mã hồ sơ, as printed on the receipt slip (Mẫu 01)'),
  idNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,20}$/, 'Số giấy tờ tùy thân gồm 6–20 chữ số hoặc chữ cái')
    .describe('Số CCCD/CMND/hộ chiếu the applicant gave at receipt'),
};
export const proofSchema = z.object(proofShape);
type Proof = z.output<typeof proofSchema>;

/** SHA-256 of an ID number as compared: case-insensitive (passport numbers), fixed length. */
const idDigest = (idNumber: string): Buffer =>
  createHash('sha256').update(idNumber.trim().toUpperCase()).digest();

/** Compared against when the code matches no dossier; contains a space, which no valid ID number does. */
const DECOY_DIGEST = idDigest('no dossier has this id number');

/** A proven dossier and the applicant's rating of it. */
interface LookupCandidate {
  dossier: DossierRow;
  rating: Pick<DossierRatingRow, 'level' | 'comment' | 'rated_at'> | null;
}

const lookupNotFound = (): ApiError =>
  new ApiError(
    404,
    LookupErrorCode.NOT_FOUND,
    'Không tìm thấy hồ sơ với mã hồ sơ và số giấy tờ đã nhập. Vui lòng kiểm tra lại.',
  );

/**
 * The dossier the proof opens, or 404 `LOOKUP.NOT_FOUND`. Whichever half is wrong the work is the same:
 * one query by primary key for the ID number alone (`findApplicantIdNumber`), then one constant-time
 * comparison of SHA-256 digests, against the dossier's ID number or against a decoy when the code is
 * unknown, and the same body (only `requestId` differs). The dossier and its rating are read only once
 * the pair is proven. What remains between the two failures is fetching one short column or none:
 * measured in-process at about 15 µs apart on a 0.6 ms median, far inside a network round trip's jitter,
 * and the rate limit allows 10 tries a minute.
 */
export async function prove(deps: LookupRoutesDeps, proof: Proof): Promise<LookupCandidate> {
  const stored = await findApplicantIdNumber(deps.db, proof.code);
  const expected = stored === undefined ? DECOY_DIGEST : idDigest(stored);
  const matches = timingSafeEqual(expected, idDigest(proof.idNumber));
  if (stored === undefined || !matches) throw lookupNotFound();
  const [dossier, rating] = await Promise.all([
    findDossier(deps.db, proof.code),
    findRating(deps.db, proof.code),
  ]);
  if (!dossier) throw lookupNotFound();
  return { dossier, rating: rating ?? null };
}

export const returned = (state: DossierState): boolean => state.phase === 'returned';

export const notReturned = (what: string): ApiError =>
  new ApiError(409, LookupErrorCode.NOT_RETURNED, `Hồ sơ chưa được trả kết quả nên chưa thể ${what}.`);

// ---------------------------------------------------------------------------------------------------------
// Views

const ratingSchema = z.object({
  level: z.enum(ratingLevels),
  levelLabel: z.string(),
  comment: z.string().nullable(),
  ratedAt: z.string(),
});

const lookupSchema = z.object({
  code: z.string(),
  status: z.number().int().describe('National status code (1–10)'),
  statusLabel: z.string(),
  phase: z.string(),
  phaseLabel: z.string(),
  procedure: z.object({ code: z.string(), name: z.string() }),
  receivedAt: z.string(),
  appointmentAt: z.string().describe('Current appointment (moved by supplements or an apology)'),
  currentStep: z
    .object({ name: z.string().nullable(), handledBy: z.string().nullable().describe('Role, never a name') })
    .nullable(),
  pendingSupplement: z
    .object({ requestedAt: z.string(), reason: z.string(), items: z.array(z.string()) })
    .nullable()
    .describe('What the applicant must still bring, while the dossier waits for a supplement'),
  resultReady: z.boolean(),
  resultReadyAt: z.string().nullable(),
  returned: z.boolean(),
  returnedAt: z.string().nullable(),
  result: z
    .object({
      fileName: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      download: z.object({
        method: z.literal('POST'),
        href: z.string(),
        description: z.string(),
      }),
    })
    .nullable()
    .describe('The digitised result, once returned'),
  rating: ratingSchema.nullable(),
  canRate: z.boolean(),
});
type LookupView = z.output<typeof lookupSchema>;

const toRatingView = (r: Pick<DossierRatingRow, 'level' | 'comment' | 'rated_at'>) => ({
  level: r.level,
  levelLabel: ratingLevelLabels[r.level],
  comment: r.comment,
  ratedAt: formatVnIso(r.rated_at.getTime()),
});

/** What the applicant may read: status, dates, the current step by role, the result once returned. */
async function toLookupView(deps: LookupRoutesDeps, candidate: LookupCandidate): Promise<LookupView> {
  const row: DossierRow = candidate.dossier;
  const state = row.state;
  const step = state.currentStep;
  const definition = step
    ? (await findProcedureVersion(deps.db, row.tenant, row.procedure_code, row.procedure_version))?.definition
    : undefined;
  const stepDef = step ? definition?.steps[step.index] : undefined;
  const supplement = state.phase === 'awaiting_supplement' ? state.supplements.at(-1) : undefined;
  const isReturned = returned(state);
  return {
    code: row.code,
    status: state.status,
    statusLabel: nationalStatusLabels[state.status],
    phase: state.phase,
    phaseLabel: phaseLabels[state.phase],
    procedure: { code: row.procedure_code, name: row.procedure_name },
    receivedAt: formatVnIso(state.receivedAt),
    appointmentAt: formatVnIso(state.appointmentAt),
    currentStep: step
      ? { name: stepDef?.name ?? null, handledBy: stepDef ? roleLabels[stepDef.role] : null }
      : null,
    pendingSupplement: supplement
      ? {
          requestedAt: formatVnIso(supplement.requestedAt),
          reason: supplement.reason,
          items: [...supplement.items],
        }
      : null,
    resultReady: state.resultReadyAt !== null || state.phase === 'result_ready' || isReturned,
    resultReadyAt: state.resultReadyAt === null ? null : formatVnIso(state.resultReadyAt),
    returned: isReturned,
    returnedAt: isReturned && state.finishedAt !== null ? formatVnIso(state.finishedAt) : null,
    result:
      isReturned && state.result
        ? {
            fileName: state.result.fileName,
            mediaType: state.result.mediaType,
            size: state.result.size,
            sha256: state.result.sha256,
            download: {
              method: 'POST',
              href: RESULT_PATH,
              description: 'Gửi lại mã hồ sơ và số giấy tờ (JSON {code, idNumber}) để tải tệp kết quả.',
            },
          }
        : null,
    rating: candidate.rating ? toRatingView(candidate.rating) : null,
    canRate: isReturned && candidate.rating === null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Routes

const publicErrors = { 400: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema };

/**
 * The applicant's side (no login): `POST /public/lookup` (status of a dossier), `POST
 * /public/lookup/result` (the result file once returned) and `POST /public/rating` (satisfaction, once,
 * after return). Each takes the proof (dossier code + ID number) in the body, never in the URL, so it
 * stays out of URLs, proxies' and access logs. Rate-limited per client together (`api/rate-limit.ts`).
 */
export function registerLookupRoutes(app: AppInstance, deps: LookupRoutesDeps): void {
  app.post(
    '/public/lookup',
    {
      schema: {
        operationId: 'lookupDossier',
        tags: ['public'],
        summary: 'Tra cứu hồ sơ: status, appointment and result of a dossier, by its code and ID number',
        description:
          'Public, no login. A wrong pair answers 404 `LOOKUP.NOT_FOUND` with the same body whichever half ' +
          'is wrong. Too many requests from one client answer 429 `RATE_LIMITED` with `Retry-After`.',
        body: proofSchema,
        response: { 200: lookupSchema, ...publicErrors },
      },
    },
    async (request) => toLookupView(deps, await prove(deps, request.body)),
  );

  app.post(
    RESULT_PATH,
    {
      schema: {
        operationId: 'downloadLookupResult',
        tags: ['public'],
        summary: 'Download the result file of a returned dossier, by its code and ID number',
        description:
          'Public, no login; POST so that the ID number never appears in a URL. The file once the dossier ' +
          'has been returned (409 `LOOKUP.NOT_RETURNED` before), with its SHA-256 in `x-content-sha256`.',
        body: proofSchema,
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              acceptedMediaTypes.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
            ),
          },
          ...publicErrors,
          409: errorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { dossier } = await prove(deps, request.body);
      if (!returned(dossier.state)) throw notReturned('tải tệp kết quả');
      return streamResultFile(reply, deps, dossier);
    },
  );

  app.post(
    '/public/rating',
    {
      schema: {
        operationId: 'rateDossier',
        tags: ['public'],
        summary: 'Đánh giá mức độ hài lòng: rate a returned dossier, once, by its code and ID number',
        body: z.object({
          ...proofShape,
          level: z
            .enum(ratingLevels, 'Chọn mức đánh giá: very_satisfied, satisfied hoặc dissatisfied')
            .describe('Rất hài lòng / Hài lòng / Không hài lòng'),
          comment: safeText({ max: RATING_COMMENT_MAX, min: 0, multiline: true }).optional(),
        }),
        response: { 201: ratingSchema, ...publicErrors, 409: errorBodySchema },
      },
    },
    async (request, reply) => {
      const { body } = request;
      const { dossier, rating } = await prove(deps, body);
      if (!returned(dossier.state)) throw notReturned('đánh giá');
      const stored = rating
        ? undefined
        : await insertRating(deps.db, {
            dossier_code: dossier.code,
            tenant: dossier.tenant,
            level: body.level,
            comment: body.comment || null,
          });
      if (!stored) {
        throw new ApiError(
          409,
          LookupErrorCode.ALREADY_RATED,
          'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ được đánh giá một lần.',
        );
      }
      return reply.status(201).send(toRatingView(stored));
    },
  );
}
