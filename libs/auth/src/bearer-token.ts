/** `Authorization: Bearer <token>` with a token of the characters and length any issued token has. */
const BEARER = /^Bearer ([A-Za-z0-9_\-.~+/=]{8,512})$/;

/** The token of an Authorization header, or null when the header is not a well-formed bearer token. */
export function bearerToken(authorization: string): string | null {
  return BEARER.exec(authorization)?.[1] ?? null;
}
