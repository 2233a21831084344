import type { AgentEntity } from './agent.entity';

/** An agent as admins and managers see it; `activeTickets` is how many tickets it holds now. */
export function toAgentView(a: AgentEntity, activeTickets?: number) {
  return {
    id: a.id,
    name: a.name,
    country: a.country,
    skills: a.skills,
    languages: a.languages,
    capacity: a.capacity,
    status: a.status,
    statusChangedAt: a.statusChangedAt.toISOString(),
    ...(activeTickets === undefined ? {} : { activeTickets }),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type AgentView = ReturnType<typeof toAgentView>;
