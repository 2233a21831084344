import type { TraceStep } from '../lib/api-types';
import { describeStep } from '../lib/explain';

/** A decision trace as sentences, in the order the policy applied its rules. */
export function TraceList({ trace }: { trace: TraceStep[] }) {
  return (
    <ol className="trace">
      {trace.map((step, i) => {
        const { title, text } = describeStep(step);
        return (
          <li key={i}>
            <strong>{title}:</strong> {text}
          </li>
        );
      })}
    </ol>
  );
}
