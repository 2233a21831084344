import { HttpException } from '@nestjs/common';

export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

/** The one error type handlers throw; rendered as {"error": {code, message, details}}. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super({ error: { code, message, details } }, status);
  }

  static validation(details: ErrorDetail[]): ApiError {
    return new ApiError(400, 'validation_failed', 'The request is not valid.', details);
  }
  static badRequest(field: string, message: string): ApiError {
    return ApiError.validation([{ field, message }]);
  }
  static unauthenticated(): ApiError {
    return new ApiError(401, 'unauthenticated', 'A valid bearer token is required.');
  }
  static forbidden(): ApiError {
    return new ApiError(403, 'forbidden', 'This token may not do that.');
  }
  static notFound(what = 'resource'): ApiError {
    return new ApiError(404, 'not_found', `No such ${what}.`);
  }
  static conflict(message: string, details: ErrorDetail[] = []): ApiError {
    return new ApiError(409, 'conflict', message, details);
  }
  static unavailable(): ApiError {
    return new ApiError(503, 'unavailable', 'A backing service is unavailable; retry later.');
  }
}
