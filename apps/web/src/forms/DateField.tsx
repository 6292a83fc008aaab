import { Button, Field, Input, Label, ValidationMessage } from '@digdir/designsystemet-react';
import type { TFunction } from 'i18next';
import {
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { CalendarIcon } from '../board/icons';
import { locale } from '../i18n';
import css from './DateField.module.css';
import {
  type DateProblem,
  daysInMonth,
  formatNorwegianDate,
  parseNorwegianDate,
  YEAR_RANGE,
} from './DateField.parse';

export interface DateFieldProps {
  label: string;
  /** The stored date (YYYY-MM-DD); null or '' for none. */
  value: string | null;
  /**
   * A complete, valid date the person chose, on blur, Enter or a pick in the calendar; null when
   * they emptied a field that is not `required`. Never called while they type.
   */
  onChange: (iso: string | null) => void;
  /** The date cannot be removed: an emptied field says so and keeps the stored date. */
  required?: boolean;
  /** The earliest allowed date (YYYY-MM-DD), and what to say when it is not respected. */
  min?: string | null;
  minMessage?: string;
  /** The latest allowed date (YYYY-MM-DD), and what to say when it is not respected. */
  max?: string | null;
  maxMessage?: string;
  /** An error of the form around the field (shown while the field has none of its own). */
  error?: string;
  /**
   * Whether the field is free of errors of its own: false while it shows one (the text is not
   * a usable date). A form refuses to submit then, since `value` is still the earlier date.
   */
  onValidityChange?: (valid: boolean) => void;
  'data-testid'?: string;
  'data-size'?: 'sm' | 'md' | 'lg';
  className?: string;
}

type Problem =
  | { kind: DateProblem; year?: number; month?: number }
  | { kind: 'required' | 'min' | 'max' };

type Outcome = { ok: true; iso: string | null } | { ok: false; problem: Problem };

/** Can a date input open its picker from script (not in jsdom, nor in old browsers)? */
const canShowPicker =
  typeof HTMLInputElement !== 'undefined' && 'showPicker' in HTMLInputElement.prototype;

/**
 * A date as Norwegians write it (dd.mm.åååå), whatever the browser's language: a text field
 * that accepts the common ways of typing a date (see parseNorwegianDate), with the format under
 * its label and a calendar button. The stored value stays ISO (YYYY-MM-DD).
 *
 * It writes only complete, valid dates, when the person leaves the field or presses Enter (or
 * picks a day in the calendar): never a partial date while they type ("5.3.20" on the way to
 * "5.3.2026" would be a valid date of 2020). Text that is not a usable date stays, with an
 * error linked to the field, until it is fixed or Escape puts back the stored date. While the
 * person has typed nothing (or everything they typed is written), the field shows `value` as
 * it is now, so a date changed by someone else appears at once; what they are typing is never
 * replaced.
 */
export function DateField({
  label,
  value,
  onChange,
  required = false,
  min,
  minMessage,
  max,
  maxMessage,
  error,
  onValidityChange,
  'data-testid': testId,
  'data-size': size = 'sm',
  className,
}: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const inputId = `${id}-input`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const inputRef = useRef<HTMLInputElement>(null);
  const pickerRef = useRef<HTMLInputElement>(null);
  /** What the person typed and has not been written; null: the field shows `value`. */
  const [draft, setDraftState] = useState<string | null>(null);
  /** `draft` as it is now, also between a change and the render that shows it. */
  const draftNow = useRef<string | null>(null);
  const [problem, setProblemState] = useState<Problem | null>(null);
  const reported = useRef(true);
  const stored = value || null;

  function setDraft(text: string | null) {
    draftNow.current = text;
    setDraftState(text);
  }

  function setProblem(p: Problem | null) {
    setProblemState(p);
    const valid = p === null;
    if (reported.current !== valid) {
      reported.current = valid;
      onValidityChange?.(valid);
    }
  }

  function evaluate(text: string): Outcome {
    const parsed = parseNorwegianDate(text);
    if (parsed.kind === 'empty')
      return required ? { ok: false, problem: { kind: 'required' } } : { ok: true, iso: null };
    if (parsed.kind === 'invalid') {
      const { problem: kind, year, month } = parsed;
      return { ok: false, problem: { kind, year, month } };
    }
    if (min && parsed.iso < min) return { ok: false, problem: { kind: 'min' } };
    if (max && parsed.iso > max) return { ok: false, problem: { kind: 'max' } };
    return { ok: true, iso: parsed.iso };
  }

  /** Writes the typed text if it is a usable date, else shows why not and keeps it. */
  function commit(text: string | null = draft) {
    if (text === null) return;
    const outcome = evaluate(text);
    if (!outcome.ok) {
      setDraft(text);
      setProblem(outcome.problem);
      return;
    }
    setProblem(null);
    setDraft(null); // shows `value` again, normalised (5.3.26 -> 05.03.2026)
    if (outcome.iso !== stored) onChange(outcome.iso);
  }

  // The field can go away while a date is typed in it and not yet left: the panel closed with
  // the browser's Back, the board replaced by the login form when the session ends. The input
  // is out of the page by then, so no blur reaches React: a usable date is written here, as on
  // leaving the field (text that is no date is dropped, as Escape would). Read from draftNow:
  // a blur that did get through just before has written it already.
  const onGone = useRef(() => {});
  onGone.current = () => {
    const text = draftNow.current;
    if (text === null) return;
    const outcome = evaluate(text);
    if (outcome.ok && outcome.iso !== stored) onChange(outcome.iso);
  };
  useEffect(() => () => onGone.current(), []);

  // A date refused only for the range (a start after the due date) is written once the range
  // lets it, when the other date was moved (here, or by someone else): the person left the
  // field meaning to save it, and its error would now be wrong ("after the due date
  // (31.12.2026)" for 01.08.2026). While they are in the field, its error only goes.
  // (Given min and max, so that the effect runs when they change; it reads them from props.)
  const onRange = useRef<(min?: string | null, max?: string | null) => void>(() => {});
  onRange.current = () => {
    const text = draftNow.current;
    if (text === null || (problem?.kind !== 'min' && problem?.kind !== 'max')) return;
    if (document.activeElement !== inputRef.current) commit(text);
    else if (evaluate(text).ok) setProblem(null);
  };
  useEffect(() => onRange.current(min, max), [min, max]);

  function revert() {
    setDraft(null);
    setProblem(null);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      // Written before a form around the field handles its submit (which Enter also starts).
      flushSync(() => commit());
    } else if (e.key === 'Escape' && (draft !== null || problem)) {
      // Undoes the typing; only an unchanged field lets Escape close the dialog around it.
      e.preventDefault();
      e.stopPropagation();
      revert();
    }
  }

  // The calendar: a native date input, never seen nor reached with Tab, opened with
  // showPicker(). Its `change` (a day chosen), not `input`, is the choice.
  const onPick = useRef<(iso: string) => void>(() => {});
  onPick.current = (iso) => {
    // Checked as if typed (min/max); the picker's "clear" does not empty a required date.
    if (iso || !required) commit(formatNorwegianDate(iso));
  };
  useEffect(() => {
    const picker = pickerRef.current;
    if (!picker) return;
    const listener = () => onPick.current(picker.value);
    picker.addEventListener('change', listener);
    return () => picker.removeEventListener('change', listener);
  }, []);

  // A click on the calendar button would take the focus from the text field, and leaving the
  // field writes what is typed there: a date typed and then picked in the calendar would be
  // written twice (two undo steps, the typed one first). The focus stays in the field instead,
  // so only the pick is written; if the calendar is closed without a pick, the typed date is
  // written on leaving the field, as always. (Only while the focus is in the field: otherwise
  // the click must not keep it wherever it was.) Tab to the button is leaving the field.
  function keepFocusInField(e: MouseEvent<HTMLButtonElement>) {
    if (document.activeElement === inputRef.current) e.preventDefault();
  }

  function openPicker() {
    const picker = pickerRef.current;
    if (!picker) return;
    const typed = draft === null ? null : parseNorwegianDate(draft);
    picker.value = typed?.kind === 'date' ? typed.iso : (stored ?? '');
    try {
      picker.showPicker();
    } catch {
      inputRef.current?.focus(); // the picker would not open: typing still works
    }
  }

  const lang = i18n.resolvedLanguage ?? 'nb';
  const ownError = problem
    ? problemText(t, lang, problem, {
        min: minMessage ?? t('dateField.beforeMin', { date: formatNorwegianDate(min) }),
        max: maxMessage ?? t('dateField.afterMax', { date: formatNorwegianDate(max) }),
      })
    : undefined;
  const shownError = ownError ?? error;

  return (
    <Field asChild data-size={size}>
      <div className={className ? `${css.field} ${className}` : css.field}>
        <div className={css.head}>
          <Label htmlFor={inputId}>{label}</Label>
          <span id={hintId} className={css.hint}>
            <span aria-hidden="true">{t('dateField.format')}</span>
            <span className="visually-hidden">{t('dateField.formatHelp')}</span>
          </span>
        </div>
        <div className={css.control}>
          <Input
            ref={inputRef}
            id={inputId}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={draft ?? formatNorwegianDate(stored)}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={shownError ? `${errorId} ${hintId}` : hintId}
            aria-required={required || undefined}
            onChange={(e) => {
              const text = e.target.value;
              setDraft(text);
              // An error goes away as soon as the text is fixed, not only on leaving the field.
              if (problem && evaluate(text).ok) setProblem(null);
            }}
            onBlur={() => commit()}
            onKeyDown={onKeyDown}
            data-testid={testId}
          />
          {canShowPicker && (
            <>
              <Button
                type="button"
                variant="secondary"
                icon
                aria-label={t('dateField.openCalendar', { label })}
                onMouseDown={keepFocusInField}
                onClick={openPicker}
                className={css.calendarButton}
              >
                <CalendarIcon />
              </Button>
              <input
                ref={pickerRef}
                type="date"
                className={css.picker}
                tabIndex={-1}
                aria-hidden="true"
                // In no form: never submitted, nor checked against min/max on a submit.
                form=""
                min={min ?? undefined}
                max={max ?? undefined}
              />
            </>
          )}
        </div>
        {shownError && <ValidationMessage id={errorId}>{shownError}</ValidationMessage>}
      </div>
    </Field>
  );
}

function problemText(
  t: TFunction,
  lang: string,
  problem: Problem,
  range: { min: string; max: string },
): string {
  switch (problem.kind) {
    case 'required':
      return t('dateField.required');
    case 'min':
      return range.min;
    case 'max':
      return range.max;
    case 'month':
      return t('dateField.invalidMonth');
    case 'year':
      return t('dateField.invalidYear', YEAR_RANGE);
    case 'day': {
      const { year, month } = problem;
      if (!year || !month) return t('dateField.invalidFormat');
      const name = new Intl.DateTimeFormat(locale(lang), {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      }).format(Date.UTC(year, month - 1, 1));
      return t('dateField.invalidDay', { month: name, days: daysInMonth(year, month) });
    }
    default:
      return t('dateField.invalidFormat');
  }
}

/**
 * Something in a row of fields (a button, a line of text) lined up with their inputs rather
 * than with the bottom of the row, which moves down when a field shows an error: an empty line
 * as high as a label above it, then the content centred on an input's height. For rows laid
 * out with `align-items: flex-start`.
 */
export function BesideField({ children }: { children: ReactNode }) {
  // data-size on the empty parts only: it sets the size mode (the label's line and the input's
  // height), while the content keeps its own.
  return (
    <div className={css.beside}>
      <span className={`ds-label ${css.besideLabel}`} data-size="sm" aria-hidden="true">
        {'\u00a0'}
      </span>
      <div className={css.besideContent}>
        <span className={css.strut} data-size="sm" aria-hidden="true" />
        {children}
      </div>
    </div>
  );
}
