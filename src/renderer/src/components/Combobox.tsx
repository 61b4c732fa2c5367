/**
 * An accessible, keyboard-only combobox (WAI-ARIA 1.2 pattern): type to search, ↑/↓ to move, Enter to
 * pick (then Enter's usual move to the next field happens), Esc closes the list first. A mouse
 * click on an entry picks it as well.
 */
import { useEffect, useRef, useState } from 'react';
import { isComposing } from '../keyboard';
import { describedBy, Field } from '../ui';

export interface Option {
  value: string;
  label: string;
  detail?: string;
  warn?: boolean;
}

export function Combobox(props: {
  id: string;
  label: string;
  /** The label of the picked value (shown when not searching). */
  selectedLabel: string;
  search: (query: string) => Option[] | Promise<Option[]>;
  onSelect: (o: Option) => void;
  error?: string | undefined;
  hint?: string;
  placeholder?: string;
  wide?: boolean;
  autoFocus?: boolean;
  /** Enter passes over this field (it holds a default that is right). */
  skipEnter?: boolean;
}) {
  const [query, setQuery] = useState<string | null>(null);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(0);
  // The query the shown options answer: the field's text can be ahead of them while a search runs.
  const [answered, setAnswered] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const open = query !== null && options.length > 0;
  const listId = `${props.id}-list`;

  useEffect(() => {
    if (props.autoFocus) ref.current?.focus();
  }, [props.autoFocus]);

  async function run(q: string) {
    const mine = ++seq.current;
    const res = await props.search(q);
    if (mine !== seq.current) return;
    setOptions(res);
    setAnswered(q);
    setActive(0);
  }

  function pick(o: Option | undefined) {
    if (!o) return;
    props.onSelect(o);
    setQuery(null);
    setOptions([]);
  }

  return (
    <Field id={props.id} label={props.label} error={props.error} hint={props.hint} wide={props.wide} skipEnter={props.skipEnter}>
      <div className="combo">
        <input
          ref={ref}
          id={props.id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${props.id}-opt-${active}` : undefined}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(props.id, props.error, props.hint)}
          placeholder={props.placeholder}
          value={query ?? props.selectedLabel}
          onFocus={(e) => e.target.select()}
          onChange={(e) => {
            setQuery(e.target.value);
            void run(e.target.value);
          }}
          onBlur={() => {
            setQuery(null);
            setOptions([]);
          }}
          onKeyDown={(e) => {
            const ne = e.nativeEvent;
            if (isComposing(ne)) return;
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              if (!open) void run(query ?? '').then(() => setQuery((q) => q ?? ''));
              else setActive((a) => Math.min(a + 1, options.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && open) {
              pick(options[active]);
              // Enter then moves on to the next field (global handler), unless the pick must stop here.
            } else if (e.key === 'Enter' && query !== null && query.trim() !== '') {
              // Typed but nothing matched: stay here.
              e.preventDefault();
            } else if (e.key === 'Escape' && (open || query !== null)) {
              e.preventDefault();
              e.stopPropagation();
              ne.stopImmediatePropagation();
              setQuery(null);
              setOptions([]);
            }
          }}
        />
        <ul id={listId} role="listbox" aria-label={props.label} className={open ? 'listbox open' : 'listbox'} data-answers={open ? (answered ?? undefined) : undefined}>
          {open
            ? options.map((o, i) => (
                <li
                  key={o.value}
                  id={`${props.id}-opt-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={`${i === active ? 'active' : ''}${o.warn ? ' warn' : ''}`}
                  // Keyboard first, but a click picks too: pressing the mouse must not blur the field
                  // (which closes the list before the click lands), and the click picks the entry.
                  onMouseDown={(e) => e.preventDefault()}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => pick(o)}
                >
                  <span className="opt-label">{o.label}</span>
                  {o.detail ? <span className="opt-detail">{o.detail}</span> : null}
                </li>
              ))
            : null}
        </ul>
      </div>
    </Field>
  );
}
