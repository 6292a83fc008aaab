import { Button, Checkbox } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberName, useAgreementContext } from '../agreements/agreementContext';
import { today } from '../board/dates';
import { useSession, useStructure } from '../sync/react';
import css from './ExportButtons.module.css';
import { type ExportKind, exportFile, saveFile } from './exportFile';

/**
 * "Last ned til Excel": the agreement's measures, or its milestones, as a CSV file that
 * Norwegian Excel opens with a double click (export/csv.ts). Made in the browser from the live
 * document this page has, so it is what the boards show this minute, also offline and for
 * viewers. A status line says what was saved.
 */
export function ExportButtons() {
  const { t } = useTranslation();
  const ctx = useAgreementContext();
  const session = useSession();
  const structure = useStructure(session);
  const [includeArchived, setIncludeArchived] = useState(false);
  const [status, setStatus] = useState({ seq: 0, text: '' });

  // Nothing to export before the document has arrived (DocumentPending says so).
  if (structure.focusAreas.length === 0) return null;

  const say = (text: string) => setStatus((s) => ({ seq: s.seq + 1, text }));
  const run = (kind: ExportKind) => {
    const store = session.store;
    const file = exportFile(
      kind,
      ctx.agreementId,
      { ...store.structure(), measures: store.allMeasures() },
      {
        todayISO: today(),
        includeArchived,
        ownerName: (id) => memberName(ctx.members, id),
        t,
      },
    );
    saveFile(file);
    say(
      t(kind === 'measures' ? 'excelExport.savedMeasures' : 'excelExport.savedMilestones', {
        count: file.count,
        file: file.fileName,
      }),
    );
  };

  return (
    <fieldset className={css.panel} data-testid="excel-export">
      <legend className={css.label}>{t('excelExport.title')}</legend>
      <div className={css.controls}>
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => run('measures')}
          data-testid="export-measures"
        >
          <DownloadIcon /> {t('excelExport.measures')}
        </Button>
        <Button
          variant="secondary"
          data-size="sm"
          onClick={() => run('milestones')}
          data-testid="export-milestones"
        >
          <DownloadIcon /> {t('excelExport.milestones')}
        </Button>
        <Checkbox
          data-size="sm"
          label={t('excelExport.includeArchived')}
          checked={includeArchived}
          onChange={(e) => setIncludeArchived(e.target.checked)}
          data-testid="export-include-archived"
        />
      </div>
      <div role="status" className={css.status} data-testid="export-status">
        {status.text && <span key={status.seq}>{status.text}</span>}
      </div>
    </fieldset>
  );
}

function DownloadIcon() {
  return (
    <svg className={css.icon} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M8 1.5v9M4.5 7 8 10.5 11.5 7M2 14.5h12" />
    </svg>
  );
}
