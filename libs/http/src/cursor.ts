import { ApiError } from './api-error';
import { parseInstant } from './instant';

/** What a keyset cursor points after: the last row's creation instant and id. */
export interface KeysetPosition {
  at: Date;
  id: string;
}

const CURSOR_TEXT =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString('base64url');
}

/**
 * The position of a cursor this API returned, or a 400 naming `cursor`. Strict: exactly the encoding
 * `encodeCursor` produces (re-encoding must give the same text), so nothing but a canonical instant
 * and a UUID ever reaches SQL.
 */
export function decodeCursor(cursor: string, field = 'cursor'): KeysetPosition {
  const invalid = () => ApiError.badRequest(field, 'is not a cursor this API returned');
  if (cursor.length > 200 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const match = CURSOR_TEXT.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  const at = match ? parseInstant(match[1]) : null;
  if (!match || !at) throw invalid();
  const position = { at, id: match[2] };
  if (encodeCursor(position) !== cursor) throw invalid();
  return position;
}
