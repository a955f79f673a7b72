import { describe, expect, it } from 'vitest';
import { checkCompleteness, missingComponents } from './completeness.js';

const checklist = [
  { code: 'DON', name: 'Đơn đề nghị', required: true },
  { code: 'CCCD', name: 'Bản sao căn cước', required: true },
  { code: 'UYQUYEN', name: 'Giấy ủy quyền', required: false },
];

describe('completeness of a receipt', () => {
  it('is complete when every required component is given, optional ones or not', () => {
    expect(checkCompleteness(checklist, ['CCCD', 'DON'])).toEqual({ kind: 'complete' });
    expect(checkCompleteness(checklist, ['DON', 'CCCD', 'UYQUYEN'])).toEqual({ kind: 'complete' });
  });

  it('lists the missing required components in the checklist order', () => {
    expect(checkCompleteness(checklist, ['UYQUYEN'])).toEqual({
      kind: 'incomplete',
      missing: [
        { code: 'DON', name: 'Đơn đề nghị' },
        { code: 'CCCD', name: 'Bản sao căn cước' },
      ],
    });
    expect(missingComponents(checklist, ['DON'])).toEqual([{ code: 'CCCD', name: 'Bản sao căn cước' }]);
  });

  it('names the first code that is not on the checklist before anything missing', () => {
    expect(checkCompleteness(checklist, ['DON', 'XYZ', 'ABC'])).toEqual({
      kind: 'unknown',
      index: 1,
      code: 'XYZ',
    });
  });

  it('finds nothing missing in a checklist without required components', () => {
    expect(missingComponents([{ code: 'A', name: 'A', required: false }], [])).toEqual([]);
  });
});
