// The funder's portfolio (F8): what the dashboard, the printable report and the export show, and
// their limits. Types and constants only, no zod and no database: the dashboard's components and
// the export's formatting import them (decision 023). The reads are in queries.ts beside it.
import type { MilestoneStatus, UpdateKind } from "@/lib/funding/limits";

/** The dashboard: milestones due within this many days count as upcoming. */
export const UPCOMING_DAYS = 60;
/** The dashboard: at most this many upcoming, overdue, updates and lessons each (with the full counts). */
export const DASHBOARD_LIST_SIZE = 10;
/** The dashboard: the chart's months, the current one included. */
export const DASHBOARD_MONTHS = 12;
/** The dashboard: the latest closed cycles whose final synthesis it shows. */
export const DASHBOARD_SYNTHESES = 3;

/** A network of the portfolio; `locale` is the language its texts are written in. */
export type FunderNetwork = { id: string; slug: string; name: string; locale: string };

/** The funder's own pledges in one currency: pledged (standing + released), released, outstanding. */
export type CurrencyTotals = { currency: string; pledged: bigint; released: bigint; outstanding: bigint; pledges: number };

export type DashboardMilestone = {
  id: string;
  title: string;
  status: MilestoneStatus;
  progress: number;
  targetDate: Date;
  amountNeeded: bigint;
  currency: string;
  initiativeId: string;
  initiativeName: string;
  network: FunderNetwork;
  /** The funder has a standing or released pledge on it. */
  backed: boolean;
};

export type DashboardUpdate = {
  id: string;
  kind: UpdateKind;
  body: string;
  /** The body as sanitised HTML, rendered when it was written (decision 027, 033). */
  html: string;
  progress: number | null;
  createdAt: Date;
  initiativeId: string;
  initiativeName: string;
  milestoneId: string;
  milestoneTitle: string;
  network: FunderNetwork;
};

export type DashboardSynthesis = {
  cycleId: string;
  title: string;
  question: string;
  closedAt: Date;
  body: string;
  /** The final synthesis as sanitised HTML (stored when written). */
  html: string;
  network: FunderNetwork;
};

type TimelinePoint = { month: string; pledged: bigint; released: bigint };

export type FunderDashboard = {
  networks: readonly FunderNetwork[];
  /** The funder's own pledges per currency: pledged (standing + released), released, outstanding. */
  totals: CurrencyTotals[];
  perNetwork: { network: FunderNetwork; totals: CurrencyTotals[] }[];
  /** Milestones of the funder's networks per status: all of them, and those the funder backs. */
  statusCounts: { status: MilestoneStatus; all: number; backed: number }[];
  upcoming: { items: DashboardMilestone[]; total: number };
  overdue: { items: DashboardMilestone[]; total: number };
  /** Per currency, month by month: what the funder had pledged (still standing) and released by the month's end. */
  timeline: { currency: string; points: TimelinePoint[] }[];
  updates: DashboardUpdate[];
  lessons: DashboardUpdate[];
  syntheses: DashboardSynthesis[];
};

/** One pledge of the funder, as the export writes it (withdrawn ones too). */
export type PortfolioPledge = {
  pledgeId: string;
  network: FunderNetwork;
  initiativeId: string;
  initiativeName: string;
  milestoneId: string;
  milestoneTitle: string;
  milestoneStatus: MilestoneStatus;
  targetDate: Date | null;
  amount: bigint;
  currency: string;
  status: "pledged" | "released" | "withdrawn";
  condition: string;
  createdAt: Date;
  releasedAt: Date | null;
  withdrawnAt: Date | null;
};
