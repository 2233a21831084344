import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { ClaimIndexes1732400000000 } from './1732400000000-claim-indexes';
import { DecisionSequenceAndLongDelays1732500000000 } from './1732500000000-decision-sequence-and-long-delays';
import { ClaimPools1732600000000 } from './1732600000000-claim-pools';
import { UnroutedTicketsFailClosed1732700000000 } from './1732700000000-unrouted-tickets-fail-closed';
import { DurableOutboundEvents1732800000000 } from './1732800000000-durable-outbound-events';
import { VendorIntake1733000000000 } from './1733000000000-vendor-intake';

/** Listed explicitly: TypeORM 1.x loads no globs. Append new migrations here. */
export const MIGRATIONS = [InitialSchema1732300000000, ClaimIndexes1732400000000, DecisionSequenceAndLongDelays1732500000000,
  ClaimPools1732600000000, UnroutedTicketsFailClosed1732700000000, DurableOutboundEvents1732800000000,
  VendorIntake1733000000000,
];
