import type { OpenAPIObject } from '@nestjs/swagger';

/** Provider token: a function the API shell registers to complete the generated OpenAPI document. */
export const OPENAPI_TRANSFORM = Symbol('eea:openapi-transform');
export type OpenApiTransform = (doc: OpenAPIObject) => OpenAPIObject;
