/** Small form building blocks: every field has a visible label and an error line read by screen readers. */
import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

/** `skipEnter`: the field is already right (a default, a catalogue value): Enter passes over it, Tab does not. */
export function Field(props: { id: string; label: string; error?: string | undefined; hint?: string; children: ReactNode; wide?: boolean; skipEnter?: boolean }) {
  return (
    <div className={`field${props.wide ? ' wide' : ''}${props.error ? ' has-error' : ''}`} data-skip-enter={props.skipEnter ? '' : undefined}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span className="error" id={`${props.id}-err`} role="alert">
          {props.error}
        </span>
      ) : props.hint ? (
        <span className="hint" id={`${props.id}-hint`}>
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: string): string | undefined {
  return error ? `${id}-err` : hint ? `${id}-hint` : undefined;
}

export function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: string;
  autoFocus?: boolean;
  type?: 'text' | 'password' | 'tel' | 'email';
  inputMode?: 'text' | 'numeric' | 'tel' | 'email';
  wide?: boolean;
  maxLength?: number;
  autoComplete?: string;
  onBlur?: () => void;
  skipEnter?: boolean;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.autoFocus) ref.current?.focus();
  }, [props.autoFocus]);
  return (
    <Field id={props.id} label={props.label} error={props.error} hint={props.hint} wide={props.wide} skipEnter={props.skipEnter}>
      <input
        ref={ref}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={props.value}
        maxLength={props.maxLength}
        autoComplete={props.autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(props.id, props.error, props.hint)}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={props.onBlur}
      />
    </Field>
  );
}

export function Select<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  error?: string | undefined;
  wide?: boolean;
  skipEnter?: boolean;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error} wide={props.wide} skipEnter={props.skipEnter}>
      <select id={props.id} name={props.id} value={props.value} aria-invalid={props.error ? true : undefined} aria-describedby={describedBy(props.id, props.error)} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Check(props: { id: string; label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div className="check">
      <input id={props.id} type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={props.id}>{props.label}</label>
    </div>
  );
}

export type Flash = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function FlashLine({ flash }: { flash: Flash }) {
  return (
    <div className={`flash ${flash?.kind ?? ''}`} role={flash?.kind === 'error' ? 'alert' : 'status'} aria-live="polite">
      {flash?.text ?? ''}
    </div>
  );
}

/** dd/MM/yyyy from an ISO local date or epoch ms (Asia/Ho_Chi_Minh). */
export function viDate(d: string | number | null | undefined): string {
  if (d === null || d === undefined || d === '') return '—';
  if (typeof d === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d);
    return m ? `${m[3]}/${m[2]}/${m[1]}` : d;
  }
  return new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);
}

export function viDateTime(ms: number): string {
  const f = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, x.value]));
  return `${p['hour']}:${p['minute']} ${p['day']}/${p['month']}/${p['year']}`;
}

/** A short "bad input" sound (Web Audio; nothing to load). */
export function beep(): void {
  try {
    const Ctx = window.AudioContext;
    const ctx = new Ctx();
    const o = ctx.createOscillator();
    const g = ctx.createGain();
    o.type = 'square';
    o.frequency.value = 330;
    g.gain.value = 0.08;
    o.connect(g).connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.25);
    o.onended = () => void ctx.close();
  } catch {
    /* no audio device: the message is still shown */
  }
}
