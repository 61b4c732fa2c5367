/**
 * Vietnamese messages for zod issues that a schema did not phrase itself. Passed per parse as
 * `{ error: viErrorMap }`; a message written in the schema takes precedence.
 */
import type { z } from 'zod';

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

export function viErrorMap(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Chưa nhập thông tin bắt buộc.';
      if (issue.expected === 'int') return 'Phải là số nguyên.';
      if (issue.expected === 'number') return 'Phải là một số.';
      if (issue.expected === 'string') return 'Phải là chữ.';
      return 'Dữ liệu không đúng kiểu.';
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Chưa nhập thông tin bắt buộc.' : `Cần ít nhất ${String(issue.minimum)} ký tự.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Cần ít nhất ${String(issue.minimum)} mục.`;
      // An exclusive bound (positive(), gt()): 0 itself is refused, and it is not negative.
      if (issue.inclusive === false) return `Phải lớn hơn ${String(issue.minimum)}.`;
      return Number(issue.minimum) === 0 ? 'Không được là số âm.' : `Phải từ ${String(issue.minimum)} trở lên.`;
    case 'too_big':
      if (issue.origin === 'string') return `Dài quá ${String(issue.maximum)} ký tự.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Nhiều quá ${String(issue.maximum)} mục.`;
      if (issue.inclusive === false) return `Phải nhỏ hơn ${String(issue.maximum)}.`;
      return `Không được lớn hơn ${String(issue.maximum)}.`;
    case 'invalid_format':
      return 'Sai định dạng.';
    case 'not_multiple_of':
      return 'Phải là số nguyên.';
    case 'unrecognized_keys':
      return `Dữ liệu có trường không được phép: ${issue.keys.join(', ')}.`;
    case 'invalid_union':
    case 'invalid_value':
      return 'Giá trị không hợp lệ.';
    case 'invalid_key':
    // Stryker disable next-line ConditionalExpression: without this case invalid_element reaches the default, which says the same
    case 'invalid_element':
      return 'Dữ liệu không hợp lệ.';
    default:
      return 'Dữ liệu không hợp lệ.';
  }
}
