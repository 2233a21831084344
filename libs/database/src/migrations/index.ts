import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { ClaimIndexes1732400000000 } from './1732400000000-claim-indexes';
import { DecisionSequenceAndLongDelays1732500000000 } from './1732500000000-decision-sequence-and-long-delays';
import { ClaimPools1732600000000 } from './1732600000000-claim-pools';
import { UnroutedTicketsFailClosed1732700000000 } from './1732700000000-unrouted-tickets-fail-closed';
import { DurableOutboundEvents1732800000000 } from './1732800000000-durable-outbound-events';
import { VendorIntake1733000000000 } from './1733000000000-vendor-intake';
import { ConsentRequestFacts1733200000000 } from './1733200000000-consent-request-facts';
import { DecisionTriggersAndTicketActivity1733210000000 } from './1733210000000-decision-triggers-and-ticket-activity';
import { CustomerApprovalLinks1733300000000 } from './1733300000000-customer-approval-links';
import { ConsoleSessions1733400000000 } from './1733400000000-console-sessions';
import { SigningKeys1733500000000 } from './1733500000000-signing-keys';
import { AuditAppendOnly1733100000000 } from './1733100000000-audit-append-only';
import { OrganizationSources1733100000001 } from './1733100000001-organization-sources';

/** Listed explicitly: TypeORM 1.x loads no globs. Append new migrations here. */
export const MIGRATIONS = [
  InitialSchema1732300000000,
  ClaimIndexes1732400000000,
  DecisionSequenceAndLongDelays1732500000000,
  ClaimPools1732600000000,
  UnroutedTicketsFailClosed1732700000000,
  DurableOutboundEvents1732800000000,
  VendorIntake1733000000000,
  ConsentRequestFacts1733200000000,
  DecisionTriggersAndTicketActivity1733210000000,
  CustomerApprovalLinks1733300000000,
  ConsoleSessions1733400000000,
  SigningKeys1733500000000,
  AuditAppendOnly1733100000000,
  OrganizationSources1733100000001,
];
