// Customer approval sits on top of the gate (it grants and revokes through it).
export * from './approval-link.entity';
export * from './approval-link.repository';
export * from './approval-rate-limiter';
export * from './approval-status';
export * from './approval-token';
export * from './approval-view';
export * from './approval.module';
export * from './create-approval-link.service';
export * from './decide-approval.service';
export * from './read-approval.service';
export * from './read-consent-request.service';
export * from './revoke-approval.service';
export * from './approval-note.repository';
