import { ApiError, findUnsafeKey } from '@eea/http';

const MAX_DEPTH = 32;

/**
 * Parses a signed body. Keys that could poison prototypes and absurd nesting are refused (400)
 * before any adapter or validator walks the value; the scan is iterative so no input can blow
 * the stack.
 */
export function parseWebhookJson(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw ApiError.badRequest('body', 'must be valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw ApiError.badRequest('body', 'must be a JSON object');
  const problem = findUnsafeKey(value, MAX_DEPTH);
  if (problem) {
    throw ApiError.badRequest(
      problem.path || 'body',
      problem.tooDeep ? `nested deeper than ${MAX_DEPTH} levels` : 'is not an allowed key',
    );
  }
  return value as Record<string, unknown>;
}
