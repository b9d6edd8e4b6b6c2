import { AppError } from '../../errors';

/**
 * A file we cannot read as a PDF. One code for every structural fault (with the detail in English for
 * the log), so that a teacher always sees the same plain advice: export the plan again.
 */
export function malformed(detail: string, offset?: number): AppError {
  return new AppError(
    'PDF_MALFORMED',
    'Tệp PDF bị hỏng hoặc không đúng định dạng nên không thể ký. Hãy mở tệp gốc (Word, LibreOffice…) và xuất lại ra PDF rồi thử lại.',
    `The PDF file is damaged or not a valid PDF (${detail}${offset !== undefined ? ` at byte ${offset}` : ''}). Export the document to PDF again and retry.`,
    { detail, ...(offset !== undefined ? { offset } : {}) },
  );
}

export function notPdf(): AppError {
  return new AppError(
    'PDF_NOT_PDF',
    'Tệp này không phải là tệp PDF. Hãy chọn đúng tệp kế hoạch ở dạng PDF.',
    'This file is not a PDF. Choose the plan as a PDF file.',
  );
}

export function encrypted(): AppError {
  return new AppError(
    'PDF_ENCRYPTED',
    'Tệp PDF đang được đặt mật khẩu hoặc mã hoá nên không thể ký. Hãy bỏ mật khẩu (lưu lại bản không mã hoá) rồi thử lại.',
    'The PDF is password-protected or encrypted and cannot be signed. Save an unencrypted copy and retry.',
  );
}

export function unsupported(detail: string): AppError {
  return new AppError(
    'PDF_UNSUPPORTED',
    'Tệp PDF dùng một tính năng mà phần mềm chưa hỗ trợ nên không thể ký. Hãy xuất lại tệp ra PDF chuẩn rồi thử lại.',
    `The PDF uses a feature that is not supported (${detail}). Export the document to standard PDF again and retry.`,
    { detail },
  );
}
