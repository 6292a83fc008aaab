import { Button, Paragraph, Table } from '@digdir/designsystemet-react';
import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n';
import css from './forms.module.css';

/**
 * A zebra table, a row per item; on a phone each row is a card with the column names beside its
 * values (forms.module.css). Nothing while the items are not there yet; `empty`, when given, in
 * place of a table without rows.
 */
export function DataTable<T>({
  headers,
  items,
  empty,
  children: row,
  'data-testid': testId,
}: {
  headers: string[];
  items: readonly T[] | undefined;
  empty?: string;
  children: (item: T) => ReactNode;
  'data-testid': string;
}) {
  const wrap = useRef<HTMLDivElement>(null);
  // The stacked layout shows each cell's column name from data-label; the callers' cells need not
  // know it. Set after every render, as rows come and go (React leaves attributes it does not own).
  useLayoutEffect(() => {
    for (const tr of wrap.current?.querySelectorAll('tbody > tr') ?? [])
      [...tr.children].forEach((cell, i) => {
        const label = headers[i];
        if (label && cell instanceof HTMLElement) cell.dataset.label = label;
      });
  });
  if (!items) return null;
  if (items.length === 0 && empty !== undefined) return <Paragraph>{empty}</Paragraph>;
  return (
    <div className={css.tableWrap} ref={wrap}>
      <Table className={css.table} zebra data-color="neutral" data-testid={testId}>
        <Table.Head>
          <Table.Row>
            {headers.map((h) => (
              <Table.HeaderCell key={h}>{h}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>{items.map(row)}</Table.Body>
      </Table>
    </div>
  );
}

/** A date and time in the person's language, machine-readable in `dateTime`. */
export function DateTime({ value }: { value: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={value}>{formatDateTime(value, i18n.resolvedLanguage ?? 'nb')}</time>;
}

/**
 * A row's action that takes its item away (revoke, remove): small, quiet and red, its accessible
 * name saying which item (`label`), since every row's button reads the same.
 */
export function RemoveRowButton({
  label,
  loading,
  onClick,
  children,
}: {
  label: string;
  loading?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button
      variant="tertiary"
      data-size="sm"
      data-color="danger"
      aria-label={label}
      loading={loading}
      onClick={onClick}
    >
      {children}
    </Button>
  );
}
