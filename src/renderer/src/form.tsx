/**
 * The form building blocks of ui.tsx bound to a react-hook-form field. Each subscribes to its own
 * value and error only, so a keystroke re-renders one field, not the whole screen. `errorAt` adds
 * the paths of other errors shown on this field (the use case's names for the same thing).
 */
import type { ComponentProps } from 'react';
import type { Control, FieldPath, FieldValues } from 'react-hook-form';
import { get, useController, useFormState } from 'react-hook-form';
import { Check, Select, TextInput } from './ui';

/** The first error message at any of `paths` (re-renders when one of them changes). */
export function useErrorAt<T extends FieldValues, O extends FieldValues = T>(control: Control<T, unknown, O>, paths: readonly string[]): string | undefined {
  const { errors } = useFormState({ control, name: paths as FieldPath<T>[] });
  for (const p of paths) {
    const e = get(errors, p) as { message?: unknown } | undefined;
    if (typeof e?.message === 'string' && e.message) return e.message;
  }
  return undefined;
}

/** A field of a form with values T (transformed to O on submit). */
interface Bound<T extends FieldValues, O extends FieldValues> {
  control: Control<T, unknown, O>;
  name: FieldPath<T>;
  errorAt?: readonly string[];
}

export function FormText<T extends FieldValues, O extends FieldValues = T>(props: Bound<T, O> & Omit<ComponentProps<typeof TextInput>, 'value' | 'onChange' | 'error' | 'onBlur'> & { onEdit?: (v: string) => void }) {
  const { control, name, errorAt, onEdit, ...rest } = props;
  const { field } = useController({ control, name });
  const error = useErrorAt(control, [name, ...(errorAt ?? [])]);
  return (
    <TextInput
      {...rest}
      value={(field.value as string | undefined) ?? ''}
      onChange={(v) => {
        field.onChange(v);
        onEdit?.(v);
      }}
      onBlur={field.onBlur}
      error={error}
    />
  );
}

export function FormSelect<T extends FieldValues, V extends string, O extends FieldValues = T>(props: Bound<T, O> & Omit<ComponentProps<typeof Select<V>>, 'value' | 'onChange' | 'error'> & { onEdit?: (v: V) => void }) {
  const { control, name, errorAt, onEdit, ...rest } = props;
  const { field } = useController({ control, name });
  const error = useErrorAt(control, [name, ...(errorAt ?? [])]);
  return (
    <Select<V>
      {...rest}
      value={field.value as V}
      onChange={(v) => {
        field.onChange(v);
        onEdit?.(v);
      }}
      error={error}
    />
  );
}

export function FormCheck<T extends FieldValues, O extends FieldValues = T>(props: Omit<Bound<T, O>, 'errorAt'> & { id: string; label: string }) {
  const { field } = useController({ control: props.control, name: props.name });
  return <Check id={props.id} label={props.label} checked={Boolean(field.value)} onChange={field.onChange} />;
}
