import { Dialog, Field, Heading, Input, Label, Paragraph } from '@digdir/designsystemet-react';
import type { MeasureView } from '@tavla/domain';
import {
  type KeyboardEvent,
  type ReactNode,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { useAgreementContext } from '../agreements/agreementContext';
import { HealthIcon } from '../board/icons';
import { useAllMeasures, useSession, useStructure } from '../sync/react';
import css from './FindMeasure.module.css';
import { type FoundMeasure, findMeasures, recentMeasures } from './findMeasures';

/** Results shown at most. */
const LIMIT = 20;

/**
 * "Finn tiltak": a search over every measure of the agreement (all focus areas), from the live
 * document, so also offline. Before a word is typed it offers the measures changed last. The
 * input is a combobox over a listbox (arrow keys move, Enter opens, Escape closes); opening a
 * measure goes to its board with its card open.
 */
export default function FindMeasureDialog({
  onClose,
  onChosen,
}: {
  /** Closed without choosing (Escape, the close button, a click outside). */
  onClose: () => void;
  /** A measure was chosen: the page goes to it. */
  onChosen: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const ctx = useAgreementContext();
  const structure = useStructure(session);
  const measures = useAllMeasures(session);
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const searched = useDeferredValue(query);
  // One more than shown tells that there are more than LIMIT.
  const found = useMemo(
    () =>
      searched.trim() ? findMeasures(measures, searched, LIMIT + 1) : recentMeasures(measures),
    [measures, searched],
  );
  const results = useMemo(() => found.slice(0, LIMIT), [found]);
  const [active, setActive] = useState(0);
  // A new list starts at its first entry.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the list changes
  useEffect(() => setActive(0), [results]);
  const titleId = useId();
  // Into the field at once. Designsystemet's Dialog opens (showModal) in its own effect, which
  // runs before this one; showModal itself would focus the close button.
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const listId = useId();
  const optionId = (i: number) => `${listId}-${i}`;
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [active, listId]);

  const focusAreaOf = (m: MeasureView) => structure.focusAreas.find((f) => f.id === m.focusAreaId);
  const columnOf = (m: MeasureView) => structure.columns.find((c) => c.id === m.columnId);

  const open = (m: MeasureView) => {
    const p = new URLSearchParams({ m: m.id });
    if (m.archived) p.set('arkiverte', '1'); // the board shows archived cards only when asked
    onChosen();
    navigate(
      `/a/${encodeURIComponent(ctx.agreementId)}/fa/${encodeURIComponent(m.focusAreaId)}?${p}`,
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (results.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (e.key === 'Escape') {
      // A search field's own Escape only empties it; here it closes at once, as the dialog's.
      e.preventDefault();
      onClose();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = results[active];
      if (hit) open(hit.measure);
    }
  };

  const typed = query.trim() !== '';
  const status = !typed
    ? t('find.typeToSearch')
    : results.length === 0
      ? t('find.none', { query: query.trim() })
      : found.length > LIMIT
        ? t('find.countMany', { count: LIMIT })
        : t('find.count', { count: results.length });

  return (
    <Dialog
      open
      modal
      closedby="any"
      onClose={onClose}
      closeButton={t('find.close')}
      className={css.dialog}
      aria-labelledby={titleId}
      data-testid="find-dialog"
    >
      <Dialog.Block>
        <Heading level={2} data-size="xs" id={titleId}>
          {t('find.title')}
        </Heading>
      </Dialog.Block>
      <Dialog.Block>
        <Field data-size="sm">
          <Label>{t('find.label')}</Label>
          <Input
            type="search"
            role="combobox"
            aria-expanded={results.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={results.length > 0 ? optionId(active) : undefined}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('find.placeholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKeyDown}
            ref={inputRef}
            data-testid="find-input"
          />
        </Field>
        <p className={css.status} aria-live="polite" data-testid="find-status">
          {status}
        </p>
        {!typed && results.length > 0 && (
          <p className={css.groupLabel} id={`${listId}-label`}>
            {t('find.recent')}
          </p>
        )}
        <div
          id={listId}
          role="listbox"
          aria-label={typed ? t('find.results') : t('find.recent')}
          className={css.list}
          data-testid="find-results"
        >
          {results.map((r, i) => {
            const fa = focusAreaOf(r.measure);
            const col = columnOf(r.measure);
            return (
              // The input keeps focus and moves through the options with the arrow keys
              // (aria-activedescendant); a click opens one.
              // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys
              <div
                key={r.measure.id}
                id={optionId(i)}
                role="option"
                tabIndex={-1}
                aria-selected={i === active}
                className={css.option}
                onClick={() => open(r.measure)}
                onMouseMove={() => setActive(i)}
                data-testid="find-result"
                data-measure-id={r.measure.id}
              >
                <span className={css.optionTitle}>
                  <Marked title={r.measure.title} marks={r.marks} />
                </span>
                <span className={css.where}>
                  {fa && t('overview.focusArea', { number: fa.number })}
                  {col && ` · ${col.title}`}
                  {' · '}
                  <span className={css.health}>
                    <HealthIcon health={r.measure.health} /> {t(`health.${r.measure.health}`)}
                  </span>
                  {r.measure.archived && ` · ${t('find.archived')}`}
                  {r.inDescription && ` · ${t('find.inDescription')}`}
                </span>
              </div>
            );
          })}
        </div>
        <Paragraph data-size="xs" className={css.hint}>
          {t('find.hint')}
        </Paragraph>
      </Dialog.Block>
    </Dialog>
  );
}

/** The title with the search words marked. */
function Marked({ title, marks }: { title: string; marks: FoundMeasure['marks'] }): ReactNode {
  if (marks.length === 0) return title;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start > at) parts.push(title.slice(at, start));
    parts.push(
      <mark key={start} className={css.mark}>
        {title.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < title.length) parts.push(title.slice(at));
  return parts;
}
