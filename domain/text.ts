/**
 * One definition of acceptable text, used wherever text enters the system (API schemas, the dossier
 * state machine run by the workflow's Update validator, procedure and calendar definitions).
 *
 * A string is acceptable when, after Unicode NFC normalisation and trimming:
 * - it has no C0/C1 control character (NUL included; tab, line feed and carriage return are allowed only
 *   in multi-line fields) and, in single-line fields, no line or paragraph separator (U+2028, U+2029);
 * - it has no lone surrogate and no noncharacter (U+FDD0–U+FDEF, U+xFFFE, U+xFFFF): such text cannot be
 *   stored as UTF-8 (PostgreSQL refuses `\u0000` and lone surrogates in text and jsonb);
 * - it has at least one visible character: whitespace, zero-width and other format characters, default
 *   ignorable code points and combining marks alone are "invisible-only";
 * - its length (UTF-16 code units, after normalisation) is within the field's limits.
 *
 * Pure: no I/O, usable in Temporal's workflow sandbox.
 */
import { z } from 'zod';

/** Rules of one text field. */
export interface TextRules {
  /** Most characters, counted after normalisation and trimming. */
  readonly max: number;
  /** Fewest characters, counted after normalisation and trimming; default 1. */
  readonly min?: number;
  /** Tab, line feed and carriage return allowed (notes, reasons); default false. */
  readonly multiline?: boolean;
}

/** Why a string is not acceptable, whatever its length. */
export type TextFault = 'control' | 'line_break' | 'malformed' | 'invisible';

/** Vietnamese messages of each fault, for people. */
export const textFaultMessages: Readonly<Record<TextFault, string>> = {
  control: 'Không được chứa ký tự điều khiển (ví dụ ký tự NUL).',
  line_break: 'Phải nằm trên một dòng (không xuống dòng, không ký tự tab).',
  malformed: 'Chứa ký tự Unicode không hợp lệ.',
  invisible: 'Phải có ít nhất một ký tự nhìn thấy được (không chỉ gồm khoảng trắng hoặc ký tự ẩn).',
};

export const textLengthMessages = {
  empty: 'Không được để trống.',
  tooShort: (min: number): string => `Tối thiểu ${min} ký tự.`,
  tooLong: (max: number): string => `Tối đa ${max} ký tự.`,
} as const;

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/** A character that is not "visible": whitespace, controls, format characters, ignorables, marks. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{M}\p{Default_Ignorable_Code_Point}\u2800]/u;

/** Canonical form of stored text: NFC, trimmed. */
export function normaliseText(s: string): string {
  return s.normalize('NFC').trim();
}

/**
 * The first fault of `s` regardless of its length, or null. Does not normalise (normalisation changes
 * none of these faults). An empty string has no fault here (its length is the field's business).
 */
export function textFault(s: string, multiline = false): TextFault | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      if (c === TAB || c === LF || c === CR) {
        if (multiline) continue;
        return 'line_break';
      }
      return 'control';
    }
    if (c === 0x2028 || c === 0x2029) {
      if (multiline) continue;
      return 'line_break';
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const low = s.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return 'malformed';
      const codePoint = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
      if ((codePoint & 0xfffe) === 0xfffe) return 'malformed';
      i++;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return 'malformed';
    if ((c >= 0xfdd0 && c <= 0xfdef) || c === 0xfffe || c === 0xffff) return 'malformed';
  }
  if (s.length > 0 && !VISIBLE.test(s)) return 'invisible';
  return null;
}

/**
 * Why `s` is not acceptable for a field with these rules (a Vietnamese message), or null when it is.
 * Lengths count the normalised, trimmed text. The workflow's state machine uses it on every action.
 */
export function textProblem(s: string, rules: TextRules): string | null {
  // Checked like the zod builders check: on the normalised, trimmed text.
  const text = normaliseText(s);
  const fault = textFault(text, rules.multiline ?? false);
  if (fault) return textFaultMessages[fault];
  const min = rules.min ?? 1;
  if (text.length < min) return min <= 1 ? textLengthMessages.empty : textLengthMessages.tooShort(min);
  if (text.length > rules.max) return textLengthMessages.tooLong(rules.max);
  return null;
}

/** Whether `s` is acceptable for a field with these rules. */
export const isAcceptableText = (s: string, rules: TextRules): boolean => textProblem(s, rules) === null;

/**
 * Text that can be stored whatever came in: unacceptable characters removed (controls other than tab
 * and line breaks, lone surrogates, noncharacters), normalised; null when nothing visible is left. For
 * paths that cannot refuse their input (an answer already taken by a child workflow).
 */
export function storableText(s: string): string | null {
  let out = '';
  for (const ch of s) {
    // for…of yields whole code points; a lone surrogate comes alone.
    const fault = textFault(ch, true);
    if (fault !== 'control' && fault !== 'malformed') out += ch;
  }
  const text = normaliseText(out);
  return text !== '' && VISIBLE.test(text) ? text : null;
}

/**
 * A zod string of acceptable text: normalised (NFC, trimmed) before its checks, so what is stored is
 * canonical. Messages are Vietnamese.
 */
export function safeText(rules: TextRules): z.ZodString {
  const min = rules.min ?? 1;
  return z
    .string()
    .normalize('NFC')
    .trim()
    .min(min, min <= 1 ? textLengthMessages.empty : textLengthMessages.tooShort(min))
    .max(rules.max, textLengthMessages.tooLong(rules.max))
    .superRefine(faultCheck(rules.multiline ?? false));
}

/** A single-line name or identifier (required, at least one visible character). */
export const safeName = (max: number): z.ZodString => safeText({ max });

/**
 * Text checked but never rewritten: passwords, and values covered by a signature (the signer's bytes
 * must stay as they are). Same faults refused; lengths count the text as sent.
 */
export function verbatimText(max: number, min = 1): z.ZodString {
  return z
    .string()
    .min(min, min <= 1 ? textLengthMessages.empty : textLengthMessages.tooShort(min))
    .max(max, textLengthMessages.tooLong(max))
    .superRefine(faultCheck(false));
}

function faultCheck(multiline: boolean) {
  return (value: string, ctx: z.RefinementCtx): void => {
    const fault = textFault(value, multiline);
    if (fault) ctx.addIssue({ code: 'custom', message: textFaultMessages[fault] });
  };
}
