import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ApiError, toDetails } from '@eea/http';
import type { IntakeCommand } from '../intake-command';
import { normaliseRegion } from './field-readers';
import { GenericDeliveryDto } from './generic.dto';

/** Validates a `generic` body strictly (unknown fields are 400) and maps it to the intake command. */
export function adaptGeneric(body: Record<string, unknown>): IntakeCommand {
  const dto = plainToInstance(GenericDeliveryDto, body);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw ApiError.validation(toDetails(errors));
  const t = dto.ticket;
  return {
    deliveryId: dto.deliveryId,
    event: dto.event,
    externalId: t.externalId.trim(),
    organizationId: t.organizationId,
    region: normaliseRegion(t.region),
    severity: t.severity,
    category: t.category?.trim() || null,
    // Agents' skills are lower-case tags; a ticket's are compared the same way (SPEC 5.1).
    skills: [...new Set((t.skills ?? []).map((s) => s.trim().toLowerCase()).filter(Boolean))],
    language: t.language?.trim() || null,
    problemRef: t.problemRef?.trim() || null,
    updatedAt: new Date(t.updatedAt),
    ...(t.requester?.email ? { requesterEmail: t.requester.email } : {}),
    ...(t.requester?.phone ? { requesterPhone: t.requester.phone } : {}),
  };
}
