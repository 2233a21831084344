import { BRUSSELS, LOCAL_ZONE, formatAt, formatDuration, useNow } from '../lib/time';

/** When a deferred ticket opens: a countdown, the viewer's own time and Brussels time (where the hours are kept). */
export function Countdown({ until }: { until: string }) {
  const now = useNow();
  const ms = new Date(until).getTime() - now;
  const local = formatAt(until, LOCAL_ZONE);
  const brussels = formatAt(until, BRUSSELS);
  return (
    <span className="countdown">
      {ms > 0 ? (
        <>
          opens in <strong>{formatDuration(ms)}</strong>
        </>
      ) : (
        <strong>opening now</strong>
      )}
      {' — '}
      {local} your time ({LOCAL_ZONE}){LOCAL_ZONE !== BRUSSELS && <>, {brussels} Brussels time</>}
    </span>
  );
}
