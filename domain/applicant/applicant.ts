/**
 * The applicant of a dossier (tổ chức, cá nhân) as the receipt records it: what the forms print (name,
 * address, identification, phone, e-mail) and, when someone files for them, the authorised representative
 * with the authorisation document. One zod schema for the API, the console's types and the workflow input.
 */
import { z } from 'zod';
import { safeName } from '../text.js';
import { cccdProblem, taxCodeProblem } from './cccd.js';

export const applicantKinds = ['citizen', 'organisation'] as const;
export type ApplicantKind = (typeof applicantKinds)[number];

/** Vietnamese phone number: 0 + 9 or 10 digits, or +84 + 9 or 10 digits; spaces, dots, hyphens allowed. */
const PHONE = /^(?:0|\+84)\d{9,10}$/;

const phone = z
  .string()
  .trim()
  .refine((s) => PHONE.test(s.replace(/[ .-]/g, '')), 'Số điện thoại không hợp lệ (ví dụ 0912 345 678).');

const email = z.email('Địa chỉ email không hợp lệ').max(200);

const personalId = safeName(20).superRefine((s, ctx) => {
  const problem = cccdProblem(s);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** The document by which the applicant authorises the representative (giấy ủy quyền, giấy giới thiệu). */
export const authorisationSchema = z.object({
  document: safeName(200).describe('Number and kind of the document, e.g. "Giấy ủy quyền số 12/2026/UQ"'),
  issuedOn: z.iso.date('Ngày lập văn bản ủy quyền có dạng YYYY-MM-DD').optional(),
});

export const representativeSchema = z.object({
  fullName: safeName(200),
  idNumber: personalId.describe('12-digit personal identification number (CCCD) of the representative'),
  authorisation: authorisationSchema,
});

export const applicantSchema = z
  .object({
    kind: z.enum(applicantKinds).default('citizen').describe('citizen: CCCD; organisation: tax code'),
    fullName: safeName(200).describe("Person's or organisation's name"),
    // Checked by kind below; digits (and the tax code's hyphen) only, so that a bad value is named here
    // even when the object's other fields are missing too.
    idNumber: safeName(20)
      .regex(/^[0-9-]+$/, 'Chỉ gồm chữ số (mã số thuế có thể có một dấu gạch ngang).')
      .describe('citizen: 12-digit personal identification number; organisation: tax / enterprise code'),
    address: safeName(300).describe('Permanent or contact address (địa chỉ)'),
    phone: phone.optional(),
    email: email.optional(),
    representative: representativeSchema
      .optional()
      .describe('Who files for the applicant, with the authorisation document'),
  })
  .superRefine((a, ctx) => {
    const problem = a.kind === 'citizen' ? cccdProblem(a.idNumber) : taxCodeProblem(a.idNumber);
    if (problem) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: problem });
  });

export type Applicant = z.output<typeof applicantSchema>;
export type ApplicantInput = z.input<typeof applicantSchema>;
export type Representative = z.output<typeof representativeSchema>;
