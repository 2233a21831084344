export * from './consent-receipt-claims';
export * from './consent-receipt.service';
export * from './verify-receipt';
