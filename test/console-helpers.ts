/**
 * The nearest Saturday or Sunday noon (UTC) after `now`: outside EEA-only hours, and at most six days
 * ahead so that the console's default consent expiry (a week from the browser's real clock) still
 * lies ahead of the app's clock.
 */
export function nextWeekendNoon(now: Date): Date {
  for (let days = 0; days <= 7; days++) {
    const candidate = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, 12));
    const weekday = candidate.getUTCDay();
    if ((weekday === 6 || weekday === 0) && candidate.getTime() > now.getTime()) return candidate;
  }
  throw new Error('unreachable');
}
