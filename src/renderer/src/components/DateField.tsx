/**
 * A date typed as Vietnamese readers write it (dd/mm/yyyy), whatever the browser's own locale would
 * show in a native date input (Chromium shows mm/dd/yyyy outside a Vietnamese locale). The value is
 * given and reported as YYYY-MM-DD; empty is allowed when `optional`.
 */
import { useEffect, useState } from 'react';
import { formatDateVi, parseDateVi } from '../../../shared/calendar';

export function DateField(props: { id: string; label: string; value: string; onChange: (d: string) => void; optional?: boolean; autoFocus?: boolean; max?: string }) {
  const [text, setText] = useState(props.value ? formatDateVi(props.value) : '');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => setText(props.value ? formatDateVi(props.value) : ''), [props.value]);
  const apply = () => {
    if (text.trim() === '' && props.optional) {
      setError(undefined);
      return props.onChange('');
    }
    const r = parseDateVi(text);
    if (!r.ok) return setError(r.message);
    if (props.max && r.value > props.max) return setError(`Ngày không được sau ${formatDateVi(props.max)}.`);
    setError(undefined);
    if (r.value !== props.value) props.onChange(r.value);
  };
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        value={text}
        placeholder="dd/mm/yyyy"
        inputMode="numeric"
        autoFocus={props.autoFocus}
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${props.id}-err` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) apply();
        }}
      />
      {error ? (
        <span className="error" id={`${props.id}-err`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
