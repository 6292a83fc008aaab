import { Button, Checkbox, Field, Label, Search, Select } from '@digdir/designsystemet-react';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useAgreementContext } from '../agreements/agreementContext';
import { useSession, useStructure } from '../sync/react';
import css from './FilterBar.module.css';
import { type Filters, GROUP_BYS, type GroupBy, isFiltering } from './filters';
import { useFilters } from './filterStore';

/**
 * The filters in force, in words, for a printout (which shows no form controls): a board
 * printed with a filter on says what it leaves out.
 */
function filterSummary(
  f: Filters,
  {
    members,
    objectives,
    columns,
    t,
  }: {
    members: readonly { userId: string; name: string }[];
    objectives: readonly { id: string; code: string; title: string }[];
    columns: readonly { id: string; title: string }[];
    t: TFunction;
  },
): string[] {
  const parts: string[] = [];
  const named = (label: string, value: string) => `${label}: ${value}`;
  if (f.text.trim()) parts.push(named(t('filters.text'), `«${f.text.trim()}»`));
  if (f.party)
    parts.push(
      named(t('filters.party'), f.party === 'none' ? t('filters.noParty') : t(`party.${f.party}`)),
    );
  if (f.owner)
    parts.push(
      named(
        t('filters.owner'),
        f.owner === 'none'
          ? t('filters.noOwner')
          : (members.find((m) => m.userId === f.owner)?.name ?? t('filters.unknownValue')),
      ),
    );
  if (f.objective) {
    const o = objectives.find((x) => x.id === f.objective);
    parts.push(
      named(t('filters.objective'), o ? `${o.code} ${o.title}` : t('filters.unknownValue')),
    );
  }
  if (f.health) parts.push(named(t('filters.health'), t(`health.${f.health}`)));
  if (f.late) parts.push(t('filters.late'));
  if (f.column)
    parts.push(
      named(
        t('detail.column'),
        columns.find((c) => c.id === f.column)?.title ?? t('filters.unknownValue'),
      ),
    );
  if (f.ids.length) parts.push(t('filters.chosenMeasures', { count: f.ids.length }));
  return parts;
}

/** Filters (text, party, owner, delmål, health, late) and swimlane grouping for one board. */
export function FilterBar({
  focusAreaId,
  shown,
  total,
}: {
  focusAreaId: string;
  shown: number;
  total: number;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const { objectives, columns } = useStructure(session);
  const { members } = useAgreementContext();
  const f = useFilters((s) => s.filters);
  const set = useFilters((s) => s.set);
  const reset = useFilters((s) => s.reset);
  // On narrow screens (and at 200% zoom) the filters fold away behind a button.
  const [open, setOpen] = useState(false);
  const faObjectives = objectives.filter((o) => o.focusAreaId === focusAreaId);

  return (
    <>
      <Button
        variant="secondary"
        data-size="sm"
        className={css.toggle}
        aria-expanded={open}
        aria-controls="board-filters"
        onClick={() => setOpen((o) => !o)}
      >
        {t('filters.title')}
        {isFiltering(f) ? ` (${t('filters.showing', { shown, total })})` : ''}
      </Button>
      <search
        id="board-filters"
        className={css.bar}
        aria-label={t('filters.title')}
        data-open={open || undefined}
      >
        <Field data-size="sm" className={css.text}>
          <Label>{t('filters.text')}</Label>
          <Search>
            <Search.Input
              aria-label={t('filters.text')}
              placeholder={t('filters.textPlaceholder')}
              value={f.text}
              onChange={(e) => set({ text: e.target.value })}
            />
            <Search.Clear aria-label={t('filters.clearText')} onClick={() => set({ text: '' })} />
          </Search>
        </Field>
        <FilterSelect
          label={t('filters.party')}
          value={f.party}
          onChange={(v) => set({ party: v as Filters['party'] })}
        >
          <option value="">{t('filters.all')}</option>
          <option value="county">{t('party.county')}</option>
          <option value="ipr">{t('party.ipr')}</option>
          <option value="joint">{t('party.joint')}</option>
          <option value="none">{t('filters.noParty')}</option>
        </FilterSelect>
        <FilterSelect
          label={t('filters.owner')}
          value={f.owner}
          onChange={(v) => set({ owner: v })}
        >
          <option value="">{t('filters.all')}</option>
          {members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
          <option value="none">{t('filters.noOwner')}</option>
        </FilterSelect>
        <FilterSelect
          label={t('filters.objective')}
          value={f.objective}
          onChange={(v) => set({ objective: v })}
        >
          <option value="">{t('filters.all')}</option>
          {faObjectives.map((o) => (
            <option key={o.id} value={o.id}>
              {o.code} {o.title.length > 50 ? `${o.title.slice(0, 50)}…` : o.title}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          label={t('filters.health')}
          value={f.health}
          onChange={(v) => set({ health: v as Filters['health'] })}
        >
          <option value="">{t('filters.all')}</option>
          <option value="green">{t('health.green')}</option>
          <option value="yellow">{t('health.yellow')}</option>
          <option value="red">{t('health.red')}</option>
        </FilterSelect>
        <Checkbox
          data-size="sm"
          className={css.late}
          label={t('filters.late')}
          checked={f.late}
          onChange={(e) => set({ late: e.target.checked })}
        />
        <FilterSelect
          wide
          label={t('filters.groupBy')}
          value={f.groupBy}
          onChange={(v) => set({ groupBy: v as GroupBy })}
        >
          {GROUP_BYS.map((g) => (
            <option key={g} value={g}>
              {t(`filters.group.${g}`)}
            </option>
          ))}
        </FilterSelect>
        {isFiltering(f) && (
          <div className={css.status}>
            <output aria-live="polite" className={css.count}>
              {t('filters.showing', { shown, total })}
            </output>
            <Button variant="tertiary" data-size="sm" onClick={reset}>
              {t('filters.clear')}
            </Button>
          </div>
        )}
      </search>
      {isFiltering(f) && (
        <p className={css.printSummary} data-testid="filters-print-summary">
          {t('filters.printSummary', {
            filters: filterSummary(f, { members, objectives: faObjectives, columns, t }).join(
              ' · ',
            ),
            shown,
            total,
          })}
        </p>
      )}
    </>
  );
}

function FilterSelect({
  wide,
  label,
  value,
  onChange,
  children,
}: {
  wide?: boolean;
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: React.ReactNode;
}) {
  return (
    <Field data-size="sm" className={wide ? `${css.field} ${css.wide}` : css.field}>
      <Label>{label}</Label>
      <Select value={value} onChange={(e) => onChange(e.target.value)} width="auto">
        {children}
      </Select>
    </Field>
  );
}
