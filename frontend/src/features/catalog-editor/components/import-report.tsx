import { useTranslation } from 'react-i18next';

import type { ImportReport } from '../api/imports';
import { RowReason } from './row-reason';

/** What a check found: how many rows are valid, and every bad row with its column, value and reason. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <>
      <p role="status">{t('catalogEditor.import.summary', { rows: report.rows, valid: report.valid, invalid: report.invalid })}</p>
      {report.errors.length > 0 && (
        <table className="table">
          <caption>{t('catalogEditor.import.errorsCaption', { n: report.invalid })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalogEditor.import.row')}</th>
              <th scope="col">{t('catalogEditor.import.column')}</th>
              <th scope="col">{t('catalogEditor.import.value')}</th>
              <th scope="col">{t('catalogEditor.import.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((error, index) => (
              <tr key={`${String(error.row)}-${error.column ?? ''}-${String(index)}`}>
                <th scope="row">{t('catalogEditor.import.rowNumber', { row: error.row })}</th>
                <td>{error.column ? <code>{error.column}</code> : t('catalogEditor.import.wholeRow')}</td>
                <td>{error.value ? <code>{error.value}</code> : <span className="muted">{t('catalogEditor.import.empty')}</span>}</td>
                <td>
                  <RowReason error={error} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
