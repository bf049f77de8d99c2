/**
 * The public door of the data layer: explicit named re-exports, one a line, grouped.
 * Other layers import from here only.
 */

// rows and schema
export type { RaceRow, RunnerRow, RunnerStatus, PayoutRow, OddsSnapshotRow, PredictionRow, TruthRow, DatasetRows } from './rows.ts';
export { RUNNER_STATUSES } from './rows.ts';
export type { TableName, ColumnKind, ColumnSpec } from './schema.ts';
export { TABLE_NAMES, REQUIRED_TABLES, TABLE_COLUMNS, tableSchema, arrowTypeOf, typeMatchesKind } from './schema.ts';

// random numbers: the sfc32 step shared by the synthetic generator and the Monte Carlo paths
export { sfc32Step } from './sfc32.ts';

// errors
export type { DataErrorCode, DataErrorContext } from './errors.ts';
export { DataError, isDataError } from './errors.ts';

// race rules: jurisdiction terms and winning combinations
export type { RulesErrorCode, RulesErrorContext } from './rules/errors.ts';
export { RulesError, isRulesError } from './rules/errors.ts';
export type { FieldBasis, PoolRule, PlaceStep, PlaceTerms, FieldCounts, PoolAvailability } from './rules/place-terms.ts';
export { JRA_TERMS, HKJC_TERMS, TERMS_BY_NAME, termsByName, fieldCounts, isWithdrawn, placesPaid, poolAvailability, validateTerms } from './rules/place-terms.ts';
export type { RefundReason, WinningCombinations, WinningOptions, Placing, PlacingOptions } from './rules/winning-combinations.ts';
export { winningCombinations, placingCombinations, finishingPrefixes } from './rules/winning-combinations.ts';

// writing
export type { WriteDatasetOptions } from './io/write-dataset.ts';
export { writeDataset } from './io/write-dataset.ts';
export type { OutState } from './io/atomic.ts';
export { assertOutFree } from './io/atomic.ts';
export type { DatasetManifest, ManifestTables, TableEntry } from './io/manifest.ts';
export { MANIFEST_FILE, FORMAT_VERSION, parseManifest, formatManifest } from './io/manifest.ts';
export type { RowIssue } from './io/check-rows.ts';
export { checkDatasetRows, checkRaceRow, checkRunnerRow, checkPayoutRow, checkOddsSnapshotRow, checkPredictionRow, checkTruthRow, SURFACES, isIsoDate, isModelName } from './io/check-rows.ts';
export { sortDatasetRows, compareRaces, compareCombinations } from './io/sort-rows.ts';

// importers
export type { Importer, ImportMeta, ImportOptions, ImportReport, ImportResult, RefusedRow } from './importers/types.ts';
export { IMPORTERS, importerFor } from './importers/index.ts';

// reading
export type { Dataset, DatasetTables, RacesView, RunnersView, PayoutsView, OddsSnapshotsView } from './io/dataset-view.ts';
export { STATUS_CODE, BET_TYPE_CODE, datasetToRows, runnerRowAt, payoutRowAt } from './io/dataset-view.ts';
export type { SafeReadResult } from './io/read-dataset.ts';
export { readDataset, safeReadDataset, readManifest, checkTableSchema } from './io/read-dataset.ts';

// validation and inspection
export type { ValidationCheck, ValidationProblem, ValidationReport } from './validate.ts';
export { validateDataset, isPayoutsOnlyRace, PROBABILITY_SUM_TOLERANCE } from './validate.ts';
export type { DatasetInfo, Spread, PoolOverround } from './info.ts';
export { datasetInfo } from './info.ts';

// CSV
export type { CsvTable } from './io/csv.ts';
export { parseCsv, forEachCsvRecord, readCsvFile, readUtf8File, decodeUtf8, firstInvalidUtf8 } from './io/csv.ts';
export { importCsv, csvImporter } from './importers/csv.ts';
