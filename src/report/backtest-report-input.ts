/**
 * The plain rows the backtest charts are drawn from: equity points with drawdown and halt
 * state, monthly P&L, results by bet type, reliability bins. Small on purpose, so a chart can be
 * drawn from any source (a backtest folder, a live ledger, a test). Layer: report. Units:
 * integer yen, ratios. Types only.
 */

/** One point of the equity curve: the bankroll after a race. */
export interface EquityPoint {
  /** Position of the race among the races replayed, from 0. */
  readonly index: number;
  /** Race date, `YYYY-MM-DD` (local Japan time). */
  readonly date: string;
  readonly raceId: string;
  /** Bankroll after the race, integer yen. */
  readonly bankrollYen: number;
  /** Highest bankroll so far (the start included), integer yen. */
  readonly peakYen: number;
  /** (peak - bankroll) / peak, in [0, 1]. */
  readonly drawdown: number;
  /** True when betting was halted by the drawdown rule for this race. */
  readonly halted: boolean;
  /**
   * Instant of the point, epoch milliseconds (a live book's ledger time). Read only with
   * {@link EquityCurveInput.timeAxis}; the backtest reports leave it out.
   */
  readonly timeMs?: number;
}

/** A race where the drawdown first reached the warn or the halt level. */
export interface DrawdownMarker {
  readonly level: 'warn' | 'halt';
  readonly raceId: string;
  readonly date: string;
  readonly drawdown: number;
}

/** Warn and halt levels as drawdown ratios. */
export interface DrawdownLevelsInput {
  readonly warn: number;
  readonly halt: number;
}

/** Input of the equity curve. */
export interface EquityCurveInput {
  readonly points: readonly EquityPoint[];
  readonly startYen: number;
  readonly levels: DrawdownLevelsInput | null;
  readonly markers: readonly DrawdownMarker[];
  /** Subtitle lines naming the run. */
  readonly caption: readonly string[];
  /**
   * Place the points at their instants (`timeMs`) instead of spreading each day's races over
   * the day (see {@link EquityTimeAxis}). Left out by the backtest and sweep reports.
   */
  readonly timeAxis?: EquityTimeAxis;
}

/**
 * A time axis for a book followed as it goes (the live dashboard): points at their instants,
 * read in a named zone; a span under three days is labelled with hour:minute (the zone in the
 * axis title), a longer one with dates; the last level is held a little past the last point so
 * that a step curve shows it.
 */
export interface EquityTimeAxis {
  /** Name of the zone shown in the axis title, e.g. 'JST'. */
  readonly zone: string;
  /** Offset of the zone from UTC, minutes (540 for Japan). */
  readonly offsetMinutes: number;
}

/** Money and hit figures of a group of tickets (a month, a bet type). */
export interface TicketRow {
  readonly tickets: number;
  readonly stakeYen: number;
  /** Payouts and refunds, integer yen. */
  readonly returnYen: number;
  readonly profitYen: number;
  /** returnYen / stakeYen, null without stake. */
  readonly roi: number | null;
  readonly hits: number;
  readonly refunds: number;
  /** hits / (tickets - refunds), null without settled tickets. */
  readonly hitRate: number | null;
}

/** One month of P&L. */
export interface MonthlyPnlRow extends TicketRow {
  /** `YYYY-MM`. */
  readonly month: string;
}

/** Input of the monthly P&L bars. */
export interface MonthlyPnlInput {
  readonly rows: readonly MonthlyPnlRow[];
  readonly caption: readonly string[];
}

/** Results of one bet type. */
export interface BetTypeRow extends TicketRow {
  readonly betType: string;
}

/** Input of the ROI and hit rate by bet type. */
export interface BetTypeInput {
  readonly rows: readonly BetTypeRow[];
  readonly caption: readonly string[];
}

/** One bin of a reliability table. */
export interface ReliabilityRow {
  readonly lo: number;
  readonly hi: number;
  readonly n: number;
  readonly meanPredicted: number | null;
  readonly observed: number | null;
}

/** The reliability table of one set of probabilities (the strategy's, the market's). */
export interface CalibrationSeries {
  readonly name: string;
  readonly logLoss: number | null;
  readonly pseudoR2: number | null;
  readonly bins: readonly ReliabilityRow[];
}

/** Input of the calibration plot. */
export interface CalibrationInput {
  readonly series: readonly CalibrationSeries[];
  readonly caption: readonly string[];
}

/** Everything the backtest charts need. */
export interface BacktestChartInputs {
  readonly equity: EquityCurveInput;
  readonly monthly: MonthlyPnlInput;
  readonly betTypes: BetTypeInput;
  readonly calibration: CalibrationInput;
}
