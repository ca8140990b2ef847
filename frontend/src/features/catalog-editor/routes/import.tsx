import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { Button, Form, Label, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiProblem } from '@/api/problem';
import { RadioOption } from '@/components/choice';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';

import { IMPORT_MODES, isImportMode, reportOf, useImportItems, type ImportMode, type ImportReport } from '../api/imports';
import { EditorNav } from '../components/editor-nav';
import { ImportReportView } from '../components/import-report';

import '../components/catalog-editor.css';

// File problems the interface explains in its own words; the service's (English) detail follows.
const FILE_PROBLEMS = ['csv-encoding', 'csv-empty', 'csv-header', 'csv-malformed', 'csv-too-large', 'unsupported-media-type'] as const;
type FileProblem = (typeof FILE_PROBLEMS)[number];

function fileProblem(error: unknown): FileProblem | undefined {
  return error instanceof ApiProblem ? FILE_PROBLEMS.find((slug) => slug === error.slug) : undefined;
}

interface Checked {
  file: File;
  mode: ImportMode;
  report: ImportReport;
}

/** Import items from a CSV file: check it first (a dry run with a report of every bad row), then import. */
export function ImportRoute() {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [missingFile, setMissingFile] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [imported, setImported] = useState<ImportReport | null>(null);
  const check = useImportItems();
  const run = useImportItems();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  // Each check or import moves focus to its result's heading once drawn: it says what happened.
  const [shown, setShown] = useState(0);
  const focusResult = () => {
    setShown((n) => n + 1);
  };
  useEffect(() => {
    if (shown > 0) resultHeading.current?.focus();
  }, [shown]);

  const reset = () => {
    setChecked(null);
    setImported(null);
    check.reset();
    run.reset();
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setMissingFile(false);
    reset();
  };

  const onCheck = () => {
    if (!file) {
      setMissingFile(true);
      return;
    }
    reset();
    const input = { file, mode, dryRun: true };
    check.mutate(input, {
      onSuccess: (report) => {
        setChecked({ file, mode, report });
        focusResult();
      },
      onError: (error) => {
        const report = reportOf(error);
        if (report) setChecked({ file, mode, report });
        focusResult();
      },
    });
  };

  const onImport = () => {
    if (!checked) return;
    run.mutate(
      { file: checked.file, mode: checked.mode, dryRun: false },
      {
        onSuccess: (report) => {
          setImported(report);
          focusResult();
        },
        onError: (error) => {
          // The catalog changed since the check: show what the import found instead.
          const report = reportOf(error);
          if (report) setChecked({ ...checked, report });
          focusResult();
        },
      },
    );
  };

  const importable = checked && checked.report.valid > 0 && (checked.report.invalid === 0 || checked.mode === 'only_valid_rows');

  return (
    <Page title={t('catalogEditor.import.title')}>
      <EditorNav />
      <p>{t('catalogEditor.import.intro')}</p>
      <p className="muted">{t('catalogEditor.import.columns')}</p>

      <Form
        className="form panel"
        onSubmit={(event) => {
          event.preventDefault();
          onCheck();
        }}
      >
        <div className="field">
          <label htmlFor={inputId} className="field__label">
            {t('catalogEditor.import.file')}
          </label>
          <input
            id={inputId}
            type="file"
            accept=".csv,text/csv"
            className="file-input"
            aria-describedby={hintId}
            aria-invalid={missingFile || undefined}
            onChange={onFile}
          />
          <p id={hintId} className="field__description">
            {missingFile ? <span className="field__error">{t('catalogEditor.import.chooseFile')}</span> : t('catalogEditor.import.fileHint')}
          </p>
        </div>
        <RadioGroup
          className="choice-group"
          value={mode}
          onChange={(value) => {
            if (isImportMode(value)) {
              setMode(value);
              reset();
            }
          }}
        >
          <Label className="field__label">{t('catalogEditor.import.mode')}</Label>
          <Text slot="description" className="field__description">
            {t('catalogEditor.import.modeHint')}
          </Text>
          {IMPORT_MODES.map((value) => (
            <RadioOption key={value} value={value}>
              {t(`catalogEditor.import.modes.${value}`)}
            </RadioOption>
          ))}
        </RadioGroup>
        <div className="form__actions">
          <Button type="submit" isPending={check.isPending}>
            {t('catalogEditor.import.check')}
          </Button>
        </div>
      </Form>

      {check.isError && !reportOf(check.error) && <FileProblemAlert error={check.error} />}

      {checked && !imported && (
        <section aria-labelledby="check-heading" className="panel">
          <h2 id="check-heading" ref={resultHeading} tabIndex={-1}>
            {t('catalogEditor.import.checkedTitle', { name: checked.file.name })}
          </h2>
          <ImportReportView report={checked.report} />
          {importable ? (
            <>
              <p>
                {t('catalogEditor.import.wouldDo', {
                  created: checked.report.created,
                  updated: checked.report.updated,
                  unchanged: checked.report.unchanged,
                })}
              </p>
              <p className="muted">{t('catalogEditor.import.asDrafts')}</p>
              <Button isPending={run.isPending} onPress={onImport}>
                {t('catalogEditor.import.run', { n: checked.report.valid })}
              </Button>
            </>
          ) : (
            <p className="notice">
              {checked.report.valid === 0 ? t('catalogEditor.import.nothingValid') : t('catalogEditor.import.nothingImported')}
            </p>
          )}
          {run.isError && !reportOf(run.error) && <FileProblemAlert error={run.error} />}
        </section>
      )}

      {imported && (
        <section aria-labelledby="imported-heading" className="panel">
          <h2 id="imported-heading" ref={resultHeading} tabIndex={-1}>
            {t('catalogEditor.import.importedTitle')}
          </h2>
          <p role="status">
            {t('catalogEditor.import.importedSummary', {
              created: imported.created,
              updated: imported.updated,
              unchanged: imported.unchanged,
            })}
          </p>
          {imported.errors.length > 0 && <ImportReportView report={imported} />}
          <ImportedItems report={imported} />
          <p>
            <Link to="/editor/catalog?status=draft">{t('catalogEditor.import.openDrafts')}</Link>
          </p>
        </section>
      )}
    </Page>
  );
}

function FileProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const slug = fileProblem(error);
  if (!slug || !(error instanceof ApiProblem)) return <ProblemAlert error={error} title={t('catalogEditor.import.failed')} />;
  return (
    <div role="alert" className="problem-alert">
      <p className="problem-alert__title">{t('catalogEditor.import.failed')}</p>
      <p>{t(`catalogEditor.import.fileProblems.${slug}`)}</p>
      {error.detail && <p lang="en">{error.detail}</p>}
    </div>
  );
}

/** Every item the import wrote, each linked to its editor page. */
function ImportedItems({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  if (report.items.length === 0) return null;
  return (
    <table className="table">
      <caption className="visually-hidden">{t('catalogEditor.import.itemsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('catalogEditor.import.row')}</th>
          <th scope="col">{t('catalogEditor.import.externalId')}</th>
          <th scope="col">{t('catalogEditor.import.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {report.items.map((item) => (
          <tr key={item.row}>
            <td>{item.row}</td>
            <th scope="row">
              {item.item_id ? <Link to={`/editor/catalog/${item.item_id}`}>{item.external_id}</Link> : item.external_id}
            </th>
            <td>{t(`catalogEditor.import.outcomes.${item.outcome}`)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
