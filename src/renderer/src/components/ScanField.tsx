/**
 * The scan-or-type field of the lookup, results and handover screens: a scanner's burst or what the
 * clerk typed, then Enter, hands the text to `onEnter` (Enter never moves on from here). A scan
 * made while another field has focus reaches the screen through its `scan` action instead.
 */
import { isComposing } from '../keyboard';
import { Field } from '../ui';

export function ScanField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  onEnter: (text: string) => void;
  error?: string | undefined;
  /** ↓ leaves the field, e.g. for the first row of the results below. */
  onArrowDown?: () => void;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      <input
        id={props.id}
        autoFocus
        value={props.value}
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
        onKeyDown={(e) => {
          if (isComposing(e.nativeEvent)) return;
          if (e.key === 'Enter') {
            e.preventDefault();
            props.onEnter(props.value);
          } else if (e.key === 'ArrowDown' && props.onArrowDown) {
            e.preventDefault();
            props.onArrowDown();
          }
        }}
      />
    </Field>
  );
}
