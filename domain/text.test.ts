import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  normaliseText,
  safeName,
  safeText,
  storableText,
  textFault,
  textFaultMessages,
  textProblem,
  verbatimText,
} from './text.js';

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';

describe('textFault', () => {
  test.each([
    ['Nguyễn Văn Ân', null],
    ['Hồ sơ hợp lệ 😀', null],
    [`a${NUL}b`, 'control'],
    ['a\u0007b', 'control'],
    ['a\u007fb', 'control'],
    ['a\u0085b', 'control'],
    ['a\u009fb', 'control'],
    ['a\tb', 'line_break'],
    ['a\nb', 'line_break'],
    ['a\rb', 'line_break'],
    ['a\u2028b', 'line_break'],
    [`a${LONE_HIGH}b`, 'malformed'],
    [`ab${LONE_HIGH}`, 'malformed'],
    [`a${LONE_LOW}b`, 'malformed'],
    [`${LONE_LOW}${LONE_HIGH}`, 'malformed'],
    ['a\uffffb', 'malformed'],
    ['a\ufffeb', 'malformed'],
    ['a\ufdd0b', 'malformed'],
    ['a\u{1fffe}b', 'malformed'],
    ['\u200b\u200b', 'invisible'],
    ['\u200c\u200d\u2060\ufeff', 'invisible'],
    ['\u00ad\u061c', 'invisible'],
    ['\u0301\u0300', 'invisible'],
    ['  \u3000 ', 'invisible'],
    ['\u3164', 'invisible'],
    ['\u2800', 'invisible'],
    ['\u200ba\u200b', null],
    ['', null],
  ] as const)('%j → %s', (s, fault) => {
    expect(textFault(s)).toBe(fault);
  });

  test('multi-line fields take tab, line feed and carriage return, never other controls', () => {
    expect(textFault('Dòng 1\r\nDòng 2\tcột', true)).toBeNull();
    expect(textFault(`Dòng 1\n${NUL}`, true)).toBe('control');
    expect(textFault('\n\t\r\n', true)).toBe('invisible');
  });
});

describe('textProblem', () => {
  test('counts the length after NFC normalisation and trimming', () => {
    const decomposed = 'A\u0300'.repeat(5); // "À" × 5, 10 code units decomposed
    expect(decomposed.length).toBe(10);
    expect(textProblem(`  ${decomposed}  `, { max: 5 })).toBeNull();
    expect(textProblem('abcdef', { max: 5 })).toBe('Tối đa 5 ký tự.');
    expect(textProblem('   ', { max: 5 })).toBe('Không được để trống.');
    expect(textProblem('ab', { max: 5, min: 3 })).toBe('Tối thiểu 3 ký tự.');
  });

  test('names the fault in Vietnamese', () => {
    expect(textProblem(`ghi chú${NUL}`, { max: 100 })).toBe(textFaultMessages.control);
    expect(textProblem(LONE_HIGH, { max: 100 })).toBe(textFaultMessages.malformed);
    expect(textProblem('\u200b\u200b', { max: 100 })).toBe(textFaultMessages.invisible);
    expect(textProblem('dòng 1\ndòng 2', { max: 100 })).toBe(textFaultMessages.line_break);
    expect(textProblem('dòng 1\ndòng 2', { max: 100, multiline: true })).toBeNull();
  });

  test('property: text with a NUL, a lone surrogate or a noncharacter is never acceptable', () => {
    const bad = fc.constantFrom(NUL, LONE_HIGH, LONE_LOW, '\uffff', '\ufffe', '\u0001', '\u009b');
    fc.assert(
      fc.property(fc.string(), bad, fc.string(), fc.boolean(), (before, b, after, multiline) => {
        // A high surrogate followed by a low one would pair up: keep the pieces apart with a letter.
        const s = `${before}x${b}x${after}`;
        expect(textProblem(s, { max: 10_000, multiline })).not.toBeNull();
      }),
    );
  });

  test('property: acceptable text stays acceptable once normalised, and normalising is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        if (textProblem(s, { max: 10_000, multiline: true }) !== null) return;
        const n = normaliseText(s);
        expect(normaliseText(n)).toBe(n);
        expect(textProblem(n, { max: 10_000, multiline: true })).toBeNull();
      }),
    );
  });

  test('property: whatever comes in, storableText is acceptable or null', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const stored = storableText(s);
        if (stored !== null) expect(textProblem(stored, { max: 10_000, multiline: true })).toBeNull();
      }),
    );
  });
});

describe('storableText', () => {
  test('drops controls, lone surrogates and noncharacters; keeps line breaks and emoji', () => {
    expect(storableText(`Đồng ý${NUL} ${LONE_HIGH}😀\ndòng 2\uffff`)).toBe('Đồng ý 😀\ndòng 2');
    expect(storableText(`${NUL}\u200b`)).toBeNull();
    expect(storableText('  e\u0301  ')).toBe('é');
  });
});

describe('zod builders', () => {
  test('safeText normalises (NFC, trim) and keeps line breaks when multi-line', () => {
    const note = safeText({ max: 2000, multiline: true });
    expect(note.parse('  Đa\u0300 xong\r\ndòng 2 ')).toBe('Đà xong\r\ndòng 2');
    expect(note.safeParse(`x${NUL}`).success).toBe(false);
  });

  test('safeName refuses control characters, lone surrogates and invisible-only values', () => {
    const name = safeName(200);
    expect(name.parse(' Nguyễn Văn Ân ')).toBe('Nguyễn Văn Ân');
    for (const bad of [`Ân${NUL}`, LONE_HIGH, '\u200b\u200b', 'a\nb', '', '   ', 'x'.repeat(201)]) {
      const result = name.safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
    }
    const messages = name.safeParse('\u200b').error?.issues.map((i) => i.message);
    expect(messages).toEqual([textFaultMessages.invisible]);
  });

  test('verbatimText checks without rewriting', () => {
    const secret = verbatimText(100);
    expect(secret.parse(' mật khẩu ')).toBe(' mật khẩu ');
    expect(secret.safeParse(`a${NUL}`).success).toBe(false);
    expect(secret.safeParse('\u200b').success).toBe(false);
  });
});
