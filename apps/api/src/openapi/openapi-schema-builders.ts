/** Small builders for the OpenAPI schemas of the API (`openapi-schemas.ts`, `openapi-entity-schemas.ts`). */
export type Schema = Record<string, unknown>;

export const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
export const nullable = (s: Schema): Schema => ({ ...s, nullable: true });
export const time = (extra: Schema = {}): Schema => str({ format: 'date-time', example: '2026-11-23T10:00:00.000Z', ...extra });
export const uuid = (example = '7b0c1e9a-3f52-4c8e-9d1a-2f6b8e4a1c33'): Schema => str({ format: 'uuid', example });
export const country = (example = 'DE'): Schema => str({ pattern: '^[A-Z]{2}$', example, description: 'ISO 3166-1 alpha-2' });
export const strings = (example: string[]): Schema => ({ type: 'array', items: str(), example });
export const object = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const list = (name: string): Schema => object({ items: { type: 'array', items: ref(name) } });
