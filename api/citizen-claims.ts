import type { CitizenIdentity } from '../db/citizen.repository.js';
import { cccdProblem } from '../domain/applicant/cccd.js';
import { isAcceptableText, normaliseText } from '../domain/text.js';

/** Codes of a failed login, as `/dvc/dang-nhap?loi=<code>` shows them. */
export type LoginFailure = 'huy' | 'het-han' | 'khong-hop-le' | 'khong-co-dinh-danh' | 'tam-ngung';

/** A login that could not finish: the code the citizen sees and the technical reason for the log. */
export class CitizenLoginError extends Error {
  constructor(
    readonly failure: LoginFailure,
    reason: string,
  ) {
    super(reason);
    this.name = 'CitizenLoginError';
  }
}

const NAME_MAX = 200;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;
/** Vietnamese phone numbers, as domain/applicant accepts them (after removing spaces, dots, hyphens). */
const PHONE = /^(?:0|\+84)\d{9,10}$/;

const text = (v: unknown): string | null => (typeof v === 'string' ? normaliseText(v) : null);

function fullNameOf(claims: Record<string, unknown>): string | null {
  const name = text(claims.name);
  // Vietnamese order: family name first.
  const parts = [text(claims.family_name), text(claims.middle_name), text(claims.given_name)];
  const joined = parts.filter((p): p is string => !!p).join(' ');
  const chosen = name || joined;
  return chosen && isAcceptableText(chosen, { max: NAME_MAX }) ? chosen : null;
}

function emailOf(claims: Record<string, unknown>): string | null {
  const email = text(claims.email);
  return email && email.length <= 200 && EMAIL.test(email) ? email : null;
}

/** The phone number in the national form (0…), or null when absent or not a Vietnamese number. */
function phoneOf(claims: Record<string, unknown>): string | null {
  const raw = text(claims.phone_number)?.replace(/[ .()-]/g, '');
  if (!raw || !PHONE.test(raw)) return null;
  return raw.startsWith('+84') ? `0${raw.slice(3)}` : raw;
}

/**
 * The citizen the provider vouched for: the personal identification number from `idClaim` (a string of 12
 * digits with a real province prefix, else `khong-co-dinh-danh`), the name (`name`, else family / middle /
 * given names; none → `khong-hop-le`), e-mail and phone when given and well-formed (else left out). The
 * number never goes into an error message: logs must not carry it.
 */
export function citizenFromClaims(claims: Record<string, unknown>, idClaim: string): CitizenIdentity {
  const raw = claims[idClaim];
  if (raw === undefined || raw === null) {
    throw new CitizenLoginError('khong-co-dinh-danh', `no claim ${idClaim} in the ID token or UserInfo`);
  }
  if (typeof raw !== 'string' || cccdProblem(raw.trim()) !== null) {
    throw new CitizenLoginError('khong-co-dinh-danh', `claim ${idClaim} is not a valid personal ID`);
  }
  const fullName = fullNameOf(claims);
  if (!fullName) throw new CitizenLoginError('khong-hop-le', 'no usable name claim');
  return { personalId: raw.trim(), fullName, email: emailOf(claims), phone: phoneOf(claims) };
}
