/** Making and saving an export file: what the "Last ned til Excel" buttons do. */
import { csvText } from './csv';
import { type ExportOptions, type ExportSource, measureTable, milestoneTable } from './rows';

export type ExportKind = 'measures' | 'milestones';

export interface ExportFile {
  fileName: string;
  /** The file's text, byte order mark first (csv.ts). */
  text: string;
  /** Rows below the header: measures or milestones. */
  count: number;
}

/**
 * The file name: agreement id, what, and today's date, e.g. `tromsvekstavtalen-tiltak-2026-11-28.csv`.
 * Characters an id may hold but a file name on Windows may not (`:`) become `-`.
 */
export function exportFileName(agreementId: string, what: string, todayISO: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-');
  return `${safe(agreementId)}-${safe(what)}-${todayISO}.csv`;
}

/** The CSV file of the agreement's measures or milestones. */
export function exportFile(
  kind: ExportKind,
  agreementId: string,
  src: ExportSource,
  opts: ExportOptions,
): ExportFile {
  const table = kind === 'measures' ? measureTable(src, opts) : milestoneTable(src, opts);
  return {
    fileName: exportFileName(agreementId, opts.t(`excelExport.fileName.${kind}`), opts.todayISO),
    text: csvText([table.header, ...table.rows]),
    count: table.rows.length,
  };
}

/** Hands the file to the browser as a download (no server round trip: it works offline too). */
export function saveFile(file: ExportFile): void {
  const blob = new Blob([file.text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; some browsers read it a little later.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
