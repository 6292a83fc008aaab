import { Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../i18n';
import css from './forms.module.css';

/** A zebra table that scrolls sideways on a narrow screen; `children` are its body rows. */
export function DataTable({
  headers,
  children,
  'data-testid': testId,
}: {
  headers: string[];
  children: ReactNode;
  'data-testid': string;
}) {
  return (
    <div className={css.tableWrap}>
      <Table className={css.table} zebra data-testid={testId}>
        <Table.Head>
          <Table.Row>
            {headers.map((h) => (
              <Table.HeaderCell key={h}>{h}</Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Head>
        <Table.Body>{children}</Table.Body>
      </Table>
    </div>
  );
}

/** A date and time in the person's language, machine-readable in `dateTime`. */
export function DateTime({ value }: { value: string }) {
  const { i18n } = useTranslation();
  return <time dateTime={value}>{formatDateTime(value, i18n.resolvedLanguage ?? 'nb')}</time>;
}
