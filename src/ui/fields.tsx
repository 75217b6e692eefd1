/**
 * One inspector field: a text box (or select) that validates every keystroke and writes into the
 * mission only when the value is valid. The reason for a refused value is shown in red under it.
 */
import { useEffect, useId, useRef, useState } from 'react';

export type FieldType = 'text' | 'optional-text' | 'number' | 'optional-number' | 'time' | 'optional-time' | 'enum';

export interface FieldProps {
  label: string;
  type: FieldType;
  value: unknown;
  options?: readonly string[];
  unit?: string;
  /** Try to write the value; returns the reason when it is refused (not written). */
  onChange(value: unknown): string | null;
  testId?: string;
  /** Shown, never edited (e.g. "4 explicit pads"). */
  readOnly?: boolean;
  /** Shown in an empty box: what empty means (e.g. the default pad count). */
  placeholder?: string;
}

/** Text -> value for a field type; `{ error }` when the text is not even the right kind of value. */
export function parseFieldText(type: FieldType, text: string): { value: unknown } | { error: string } {
  const t = text.trim();
  switch (type) {
    case 'text':
    case 'enum':
      return { value: text };
    case 'optional-text':
      return { value: t === '' ? undefined : text };
    case 'number':
    case 'optional-number': {
      if (t === '') return type === 'optional-number' ? { value: undefined } : { error: 'must be a number' };
      const n = Number(t);
      return Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'time':
    case 'optional-time': {
      if (t === '') return type === 'optional-time' ? { value: undefined } : { error: 'must be seconds or an ISO date-time' };
      // Seconds after the mission start, or an ISO date-time (validated by the schema).
      return /^-?\d+(\.\d+)?$/.test(t) ? { value: Number(t) } : { value: t };
    }
  }
}

export function formatFieldValue(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

export function Field({ label, type, value, options, unit, onChange, testId, readOnly, placeholder }: FieldProps) {
  const id = useId();
  const [text, setText] = useState(formatFieldValue(value));
  const [error, setError] = useState<string | null>(null);
  const focused = useRef(false);

  // Follow outside changes (undo, a drag) unless the box already says the same thing.
  useEffect(() => {
    const parsed = parseFieldText(type, text);
    if ('value' in parsed && parsed.value === value) return;
    if (focused.current && error) return; // keep the user's invalid text visible while they fix it
    setText(formatFieldValue(value));
    setError(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const change = (next: string) => {
    setText(next);
    const parsed = parseFieldText(type, next);
    if ('error' in parsed) return setError(parsed.error);
    setError(onChange(parsed.value));
  };

  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {unit ? <small> {unit}</small> : null}
      </label>
      {type === 'enum' ? (
        <select id={id} value={text} onChange={(e) => change(e.target.value)} data-testid={testId}>
          {(options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          value={text}
          onChange={(e) => change(e.target.value)}
          onFocus={() => (focused.current = true)}
          onBlur={() => {
            focused.current = false;
            // Leaving a box with an invalid value shows the document's value again.
            if (error) {
              setText(formatFieldValue(value));
              setError(null);
            }
          }}
          aria-invalid={!!error}
          readOnly={readOnly}
          placeholder={placeholder}
          spellCheck={false}
          data-testid={testId}
        />
      )}
      {error && (
        <div className="field-error" role="alert" data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </div>
      )}
    </div>
  );
}
