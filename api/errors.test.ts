import { describe, expect, it } from 'vitest';
import { ApiError, fieldOf, invalidInput, toErrorIssues } from './errors.js';

describe('validation issues as API error issues', () => {
  it('names a field by the part of the request and the dotted path inside it', () => {
    expect(fieldOf('body', ['decisions', 0, 'entries', 3, 'date'])).toBe('body.decisions.0.entries.3.date');
    expect(fieldOf('query', [])).toBe('query');
    expect(fieldOf('headers.idempotency-key')).toBe('headers.idempotency-key');
  });

  it('maps domain issues to fields and messages, the code left to the error', () => {
    const issues = [
      { path: ['steps', 2, 'kind'], code: 'PROCEDURE.BAD_KIND', message: 'Loại bước không hợp lệ' },
      { path: [], code: 'X', message: 'Định nghĩa trống' },
    ];
    expect(toErrorIssues('body', issues)).toEqual([
      { field: 'body.steps.2.kind', message: 'Loại bước không hợp lệ' },
      { field: 'body', message: 'Định nghĩa trống' },
    ]);
    const err = invalidInput(400, 'PROCEDURE.INVALID_DEFINITION', 'Định nghĩa thủ tục không hợp lệ.', issues);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      statusCode: 400,
      code: 'PROCEDURE.INVALID_DEFINITION',
      field: 'body.steps.2.kind',
      issues: toErrorIssues('body', issues),
    });
  });
});
