import type { ApiFailure } from './api-client';

/** Refusals in words a support agent understands; the server's own message when it is specific. */
export function explainError(e: ApiFailure): string {
  switch (e.code) {
    case 'unauthenticated':
      return 'Your session has ended or the token is not valid. Sign in again.';
    case 'forbidden':
      return e.message.includes('CSRF') ? 'This page is out of date. Reload it and try again.' : 'Your role may not do this.';
    case 'not_found':
      return 'This is no longer available to you: it was taken back, its consent ended, or it does not exist.';
    case 'agent_unavailable':
      return 'You are not Available. Set your status to Available to claim tickets.';
    case 'conflict':
      return `Someone else got there first or you are at capacity. ${e.message}`;
    case 'consent_required':
      return "This needs the customer's consent first. A request went to the support managers.";
    case 'rate_limited':
      return 'Too many requests in a short time. Wait a moment and try again.';
    case 'unavailable':
      return 'The service is busy or restarting. Try again in a moment.';
    case 'validation_failed':
      return (
        e.details.map((d) => `${fieldName(String(d.field ?? ''))} ${String(d.message ?? '')}`.trim()).join('; ') || e.message
      );
    default:
      return e.message || 'Something went wrong.';
  }
}

function fieldName(field: string): string {
  return field ? `${field.split('.').pop()}:` : '';
}
