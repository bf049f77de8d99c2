/**
 * Errors of the report layer. Layer: report (imports nothing from the project).
 * Every error carries a literal `code`; the CLI maps each of them to exit status 2.
 */

/** Literal codes of report errors. */
export type ReportErrorCode =
  | 'REPORT_NO_SUMMARY'
  | 'REPORT_BAD_SUMMARY'
  | 'REPORT_UNKNOWN_KIND'
  | 'REPORT_BAD_INPUT'
  | 'REPORT_RENDER_FAILED';

/** A results folder or chart input the report layer cannot use; `path` names the file when there is one. */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  readonly path: string | undefined;
  constructor(code: ReportErrorCode, message: string, path?: string) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
    this.path = path;
  }
}
