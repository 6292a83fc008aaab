import { act, fireEvent, render, screen } from '@testing-library/react';
import { type FormEvent, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18next } from '../i18n';
import { DateField, type DateFieldProps } from './DateField';

// jsdom has no showPicker; a browser that has it gets the calendar button. Set before the
// module reads it (vi.hoisted runs before the imports).
const showPicker = vi.hoisted(() => {
  const fn = vi.fn();
  (HTMLInputElement.prototype as { showPicker?: () => void }).showPicker = fn;
  return fn;
});

afterEach(async () => {
  showPicker.mockReset();
  await act(() => i18next.changeLanguage('nb'));
});

/**
 * A date field whose value lives in a store that `onChange` writes to, as in the app (the
 * document); `store.set` changes it from elsewhere (someone else's edit).
 */
function Stored({
  initial,
  store,
  onChange,
  ...rest
}: Partial<DateFieldProps> & {
  initial: string | null;
  store: { set: (v: string | null) => void };
  onChange: (iso: string | null) => void;
}) {
  const [value, setValue] = useState<string | null>(initial);
  store.set = setValue;
  return (
    <DateField
      label="Frist"
      value={value}
      onChange={(iso) => {
        onChange(iso);
        setValue(iso);
      }}
      data-testid="date"
      {...rest}
    />
  );
}

function setup(props: Partial<DateFieldProps> & { initial?: string | null } = {}) {
  const { initial = '2026-03-05', ...rest } = props;
  const onChange = vi.fn();
  const store = { set: (_: string | null) => {} };
  render(<Stored initial={initial} store={store} onChange={onChange} {...rest} />);
  const input = screen.getByTestId('date') as HTMLInputElement;
  return {
    input,
    onChange,
    setStored: (v: string | null) => act(() => store.set(v)),
    type: (text: string) => fireEvent.change(input, { target: { value: text } }),
  };
}

/** A form with a date, as the new milestone's and the meeting's: what it submitted. */
function DateForm({ submitted }: { submitted: (string | null)[] }) {
  const [date, setDate] = useState<string | null>(null);
  const [usable, setUsable] = useState(true);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    submitted.push(usable ? date : 'refused');
  };
  return (
    <form onSubmit={submit}>
      <DateField
        label="Dato"
        value={date}
        onChange={setDate}
        onValidityChange={setUsable}
        data-testid="date"
      />
    </form>
  );
}

/** The text of the elements the input's aria-describedby names, in order. */
function description(input: HTMLElement): string[] {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`);
}

describe('DateField', () => {
  it('shows the stored ISO date as dd.mm.åååå, labelled, with the format described', () => {
    const { input } = setup();
    expect(screen.getByLabelText('Frist')).toBe(input);
    expect(input.value).toBe('05.03.2026');
    expect(input.type).toBe('text');
    expect(screen.getByText('dd.mm.åååå')).toBeTruthy();
    expect(description(input)).toEqual([
      'dd.mm.ååååSkriv datoen som dag, måned og år, for eksempel 05.03.2026.',
    ]);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows an empty field for no date', () => {
    const { input } = setup({ initial: null });
    expect(input.value).toBe('');
  });

  it('writes nothing while the person types, and the complete date when they leave the field', () => {
    const { input, onChange, type } = setup();
    // "5.3.20" on the way to "5.3.2026" is a valid date (2020) and must not be written.
    for (const text of ['1', '1.', '1.4', '1.4.', '1.4.2', '1.4.20', '1.4.202', '1.4.2026'])
      type(text);
    expect(onChange).not.toHaveBeenCalled();
    expect(input.value).toBe('1.4.2026');
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-04-01');
    expect(input.value).toBe('01.04.2026'); // normalised
  });

  it('writes the date on Enter', () => {
    const { input, onChange, type } = setup();
    type('15062025');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2025-06-15');
    expect(input.value).toBe('15.06.2025');
  });

  it('takes a pasted ISO date', () => {
    const { input, onChange, type } = setup();
    type(' 2025-06-15 ');
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2025-06-15');
    expect(input.value).toBe('15.06.2025');
  });

  it('writes nothing for the same date typed another way, but shows it normalised', () => {
    const { input, onChange, type } = setup();
    type('5.3.26');
    fireEvent.blur(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(input.value).toBe('05.03.2026');
  });

  it('writes nothing for a leave without typing', () => {
    const { input, onChange } = setup();
    fireEvent.focus(input);
    fireEvent.blur(input);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onChange).not.toHaveBeenCalled();
  });

  it('writes a complete date typed when the field goes away before it is left', () => {
    // The panel closed by the browser's Back, or the board giving way to the login form: the
    // input leaves the page while it has the focus, and React sees no blur.
    const onChange = vi.fn();
    const { unmount } = render(
      <DateField label="Frist" value="2026-03-05" onChange={onChange} data-testid="date" />,
    );
    fireEvent.change(screen.getByTestId('date'), { target: { value: '7.7.2027' } });
    unmount();
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2027-07-07');
  });

  it('writes nothing when it goes away with no date typed, the same date, or text that is none', () => {
    const onChange = vi.fn();
    for (const text of [null, '5.3.26', '31.02.2027', '']) {
      const { unmount } = render(
        <DateField label="Frist" value="2026-03-05" onChange={onChange} required />,
      );
      if (text !== null)
        fireEvent.change(screen.getByLabelText('Frist'), { target: { value: text } });
      unmount();
    }
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps text that is no date, says why next to the field, and never writes it', () => {
    const { input, onChange, type } = setup();
    type('31.02.2026');
    expect(input.hasAttribute('aria-invalid')).toBe(false); // no error while typing
    fireEvent.blur(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(input.value).toBe('31.02.2026');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)[0]).toBe('Datoen finnes ikke: februar 2026 har 28 dager.');
    expect(description(input)[1]).toMatch(/^dd\.mm\.åååå/); // the format stays described

    type('abc');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(description(input)[0]).toBe('Skriv datoen som dd.mm.åååå, for eksempel 05.03.2026.');
    type('5.13.2026');
    fireEvent.blur(input);
    expect(description(input)[0]).toBe('Måneden må være fra 1 til 12.');
    type('5.3.0026');
    fireEvent.blur(input);
    expect(description(input)[0]).toBe('Året må være mellom 1900 og 2199.');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('takes the error away as soon as the text is fixed, and writes it on leaving', () => {
    const { input, onChange, type } = setup();
    type('29.02.2026');
    fireEvent.blur(input);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    type('28.02.2026');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(screen.queryByText(/finnes ikke/)).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-02-28');
  });

  it('puts back the stored date on Escape, and lets Escape through when nothing was typed', () => {
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    try {
      const { input, onChange, type } = setup();
      type('31.02.2026');
      fireEvent.blur(input);
      const typing = fireEvent.keyDown(input, { key: 'Escape' });
      expect(typing).toBe(false); // default prevented: a dialog around it stays open
      expect(outside).not.toHaveBeenCalled();
      expect(input.value).toBe('05.03.2026');
      expect(input.hasAttribute('aria-invalid')).toBe(false);
      expect(onChange).not.toHaveBeenCalled();
      // Unchanged: Escape is the dialog's (it closes).
      expect(fireEvent.keyDown(input, { key: 'Escape' })).toBe(true);
      expect(outside).toHaveBeenCalledTimes(1);
    } finally {
      document.removeEventListener('keydown', outside);
    }
  });

  it('clears an optional date when emptied', () => {
    const { input, onChange, type } = setup();
    type('  ');
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledExactlyOnceWith(null);
    expect(input.value).toBe('');
  });

  it('keeps a required date when emptied, and says a date is needed', () => {
    const { input, onChange, type } = setup({ required: true });
    expect(input.getAttribute('aria-required')).toBe('true');
    type('');
    fireEvent.blur(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(description(input)[0]).toBe('Skriv inn en dato.');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('05.03.2026');
  });

  it('refuses dates before min or after max, with the message given', () => {
    const { input, onChange, type } = setup({
      min: '2026-01-01',
      max: '2026-12-31',
      maxMessage: 'Startdatoen kan ikke være etter fristen (31.12.2026).',
    });
    type('31.12.2025');
    fireEvent.blur(input);
    expect(description(input)[0]).toBe('Datoen kan ikke være før 01.01.2026.');
    type('1.1.2027');
    fireEvent.blur(input);
    expect(description(input)[0]).toBe('Startdatoen kan ikke være etter fristen (31.12.2026).');
    type('31.12.2026');
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-12-31');
  });

  it('writes a date refused only for the other date once that one has moved, instead of a wrong error', () => {
    // The start typed after the due date; then the due date is moved later (here, or by
    // someone else): the start is fine now, and the error would say it is after 31.12.2026.
    const onChange = vi.fn();
    const field = (due: string) => (
      <DateField
        label="Startdato"
        value="2025-09-01"
        max={due}
        maxMessage={`Startdatoen kan ikke være etter fristen (${due}).`}
        onChange={onChange}
      />
    );
    const { rerender } = render(field('2026-06-30'));
    const input = screen.getByLabelText('Startdato') as HTMLInputElement;
    fireEvent.change(input, { target: { value: '1.8.2026' } });
    fireEvent.blur(input);
    expect(description(input)[0]).toBe('Startdatoen kan ikke være etter fristen (2026-06-30).');
    rerender(field('2026-07-31')); // still before it: the error says so, with the new date
    expect(description(input)[0]).toBe('Startdatoen kan ikke være etter fristen (2026-07-31).');
    expect(onChange).not.toHaveBeenCalled();
    rerender(field('2026-12-31'));
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-08-01');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('shows a date changed by someone else while it is not being edited', () => {
    const { input, setStored } = setup();
    setStored('2026-09-01');
    expect(input.value).toBe('01.09.2026');
    fireEvent.focus(input); // only focused, nothing typed: still follows
    setStored('2026-10-01');
    expect(input.value).toBe('01.10.2026');
    setStored(null);
    expect(input.value).toBe('');
  });

  it('never replaces what the person is typing, and shows the latest date after Escape', () => {
    const { input, onChange, setStored, type } = setup();
    type('24.12.20');
    setStored('2026-09-01');
    expect(input.value).toBe('24.12.20');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.value).toBe('01.09.2026');
    // Nor text with an error, after leaving the field.
    type('32.12.2026');
    fireEvent.blur(input);
    setStored('2026-10-01');
    expect(input.value).toBe('32.12.2026');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    type('24.12.2026');
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-12-24');
    expect(input.value).toBe('24.12.2026');
  });

  it('shows an error of the form around it while it has none of its own', () => {
    const { input, type } = setup({ initial: null, error: 'Velg en gyldig dato.' });
    expect(description(input)[0]).toBe('Velg en gyldig dato.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    type('abc');
    fireEvent.blur(input);
    expect(description(input)[0]).toBe('Skriv datoen som dd.mm.åååå, for eksempel 05.03.2026.');
  });

  it('tells a form whether its text is usable', () => {
    const onValidityChange = vi.fn();
    const { input, type } = setup({ onValidityChange });
    type('31.02.2026');
    expect(onValidityChange).not.toHaveBeenCalled();
    fireEvent.blur(input);
    expect(onValidityChange).toHaveBeenLastCalledWith(false);
    type('28.02.2026');
    expect(onValidityChange).toHaveBeenLastCalledWith(true);
    type('x');
    fireEvent.blur(input);
    expect(onValidityChange).toHaveBeenLastCalledWith(false);
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(onValidityChange).toHaveBeenLastCalledWith(true);
    expect(onValidityChange).toHaveBeenCalledTimes(4);
  });

  it('has the date written before a form submits on Enter, and a bad date refused', () => {
    const submitted: (string | null)[] = [];
    render(<DateForm submitted={submitted} />);
    const input = screen.getByTestId('date');
    // What a browser does on Enter in a form's text field: keydown, then submit.
    const enter = () => {
      fireEvent.keyDown(input, { key: 'Enter' });
      fireEvent.submit(input.closest('form')!);
    };
    fireEvent.change(input, { target: { value: '19.3.2026' } });
    enter();
    fireEvent.change(input, { target: { value: '30.02.2026' } });
    enter();
    expect(submitted).toEqual(['2026-03-19', 'refused']);
  });

  describe('calendar', () => {
    const picker = () =>
      document.querySelector<HTMLInputElement>('input[type="date"]') ?? expect.fail('no picker');

    it('opens the native picker on the stored date from a named button, hidden from everyone else', () => {
      const { input } = setup({ min: '2026-01-01' });
      const button = screen.getByRole('button', { name: 'Velg frist i kalender' });
      expect(picker().tabIndex).toBe(-1);
      expect(picker().getAttribute('aria-hidden')).toBe('true');
      expect(picker().min).toBe('2026-01-01');
      expect(screen.getAllByRole('textbox')).toEqual([input]);
      fireEvent.click(button);
      expect(showPicker).toHaveBeenCalledTimes(1);
      expect(showPicker.mock.contexts[0]).toBe(picker());
      expect(picker().value).toBe('2026-03-05');
    });

    it('opens on the date being typed, if it is one', () => {
      const { type } = setup();
      type('1.7.26');
      fireEvent.click(screen.getByRole('button', { name: 'Velg frist i kalender' }));
      expect(picker().value).toBe('2026-07-01');
    });

    it('writes the chosen day at once, not the days passed on the way', () => {
      const { input, onChange, type } = setup();
      type('abc');
      fireEvent.blur(input);
      fireEvent.click(screen.getByRole('button', { name: 'Velg frist i kalender' }));
      // Chrome's calendar fires `input` for each day the arrow keys pass, `change` for the pick.
      picker().value = '2026-03-06';
      fireEvent.input(picker());
      expect(onChange).not.toHaveBeenCalled();
      picker().value = '2026-03-07';
      act(() => void picker().dispatchEvent(new Event('change')));
      expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-03-07');
      expect(input.value).toBe('07.03.2026');
      expect(input.hasAttribute('aria-invalid')).toBe(false);
    });

    it('writes a day picked after typing once, not the typed date first', () => {
      const { input, onChange, type } = setup();
      act(() => input.focus());
      type('1.7.26');
      const button = screen.getByRole('button', { name: 'Velg frist i kalender' });
      // A click as a browser does it: the focus goes to the button unless mousedown prevents it.
      if (fireEvent.mouseDown(button)) act(() => button.focus());
      fireEvent.mouseUp(button);
      fireEvent.click(button);
      expect(picker().value).toBe('2026-07-01');
      picker().value = '2026-07-09';
      act(() => void picker().dispatchEvent(new Event('change')));
      expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-07-09');
      expect(input.value).toBe('09.07.2026');
      fireEvent.blur(input);
      expect(onChange).toHaveBeenCalledTimes(1);
    });

    it('writes the typed date on leaving the field when the calendar is closed without a pick', () => {
      const { input, onChange, type } = setup();
      act(() => input.focus());
      type('1.7.26');
      const button = screen.getByRole('button', { name: 'Velg frist i kalender' });
      if (fireEvent.mouseDown(button)) act(() => button.focus());
      fireEvent.click(button);
      expect(onChange).not.toHaveBeenCalled();
      act(() => input.blur());
      expect(onChange).toHaveBeenCalledExactlyOnceWith('2026-07-01');
    });

    it('leaves the focus where it was when the button is clicked from outside the field', () => {
      const { input } = setup();
      const button = screen.getByRole('button', { name: 'Velg frist i kalender' });
      expect(fireEvent.mouseDown(button)).toBe(true);
      expect(document.activeElement).not.toBe(input);
    });

    it('checks a chosen day as a typed one', () => {
      const { input, onChange } = setup({ max: '2026-06-30' });
      picker().value = '2026-07-01';
      act(() => void picker().dispatchEvent(new Event('change')));
      expect(onChange).not.toHaveBeenCalled();
      expect(input.value).toBe('01.07.2026');
      expect(description(input)[0]).toBe('Datoen kan ikke være etter 30.06.2026.');
    });

    it('empties an optional date from the calendar’s clear button', () => {
      const { input, onChange } = setup();
      picker().value = '';
      act(() => void picker().dispatchEvent(new Event('change')));
      expect(onChange).toHaveBeenCalledExactlyOnceWith(null);
      expect(input.value).toBe('');
    });

    it('does not empty a required date from the calendar’s clear button', () => {
      const { input, onChange } = setup({ required: true });
      picker().value = '';
      act(() => void picker().dispatchEvent(new Event('change')));
      expect(onChange).not.toHaveBeenCalled();
      expect(input.value).toBe('05.03.2026');
    });

    it('puts the focus in the text field when the picker will not open', () => {
      showPicker.mockImplementationOnce(() => {
        throw new DOMException('no', 'NotAllowedError');
      });
      const { input } = setup();
      fireEvent.click(screen.getByRole('button', { name: 'Velg frist i kalender' }));
      expect(document.activeElement).toBe(input);
    });
  });

  describe('in nynorsk and English', () => {
    it('keeps the Norwegian format, in the language’s words', async () => {
      await act(() => i18next.changeLanguage('en'));
      const { input, type } = setup();
      expect(input.value).toBe('05.03.2026');
      expect(screen.getByText('dd.mm.yyyy')).toBeTruthy();
      expect(screen.getByRole('button', { name: 'Choose frist from a calendar' })).toBeTruthy();
      type('31.4.2026');
      fireEvent.blur(input);
      expect(description(input)[0]).toBe('There is no such date: April 2026 has 30 days.');
      await act(() => i18next.changeLanguage('nn'));
      expect(screen.getByText('dd.mm.åååå')).toBeTruthy();
      expect(description(input)[0]).toBe('Datoen finst ikkje: april 2026 har 30 dagar.');
      expect(screen.getByRole('button', { name: 'Vel frist i kalender' })).toBeTruthy();
    });
  });
});
