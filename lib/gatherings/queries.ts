import "server-only";
import { encodeCursor, type Cursor } from "@/lib/cursor";
import { db, dbAcross } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { GatheringMode, GatheringStatus, GatheringVisibility, RsvpStatus } from "@/lib/db/generated/enums";
import { loadHarvestSection } from "@/lib/harvests/queries";
import { can } from "@/lib/membership/policy";
import type { NetworkScope } from "@/lib/membership/scope";
import { memberNetworkIds } from "@/lib/networks/queries";
import { PAST_PAGE_SIZE, UPCOMING_MAX } from "./limits";
import { mayCreate, mayEdit, mayRecordAttendance, maySeeNames, maySeeOnlineLink, rsvpRefusal } from "./policy";

/**
 * Reads of gatherings (decision 036). The online link leaves the database only for people who may
 * see it (going, hosts, brokers), and names of who is going or came only for brokers and members:
 * funders get counts. Each page is a fixed number of statements whatever the data size.
 */

/** Whether the network lets members propose gatherings (network settings). */
export async function membersProposeGatherings(scope: NetworkScope): Promise<boolean> {
  const row = await db(scope).network.findUnique({ where: { id: scope.networkId }, select: { membersProposeGatherings: true } });
  return row?.membersProposeGatherings ?? false;
}

// ---------------------------------------------------------------- the list

export type GatheringSummary = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  mode: GatheringMode;
  placeName: string;
  status: GatheringStatus;
  visibility: GatheringVisibility;
  seriesId: string | null;
  capacity: number | null;
  going: number;
  /** Upcoming: the viewer's answer. Past: how many came (members and guests). */
  rsvp: RsvpStatus | null;
  came: number;
};

const SUMMARY = (scope: NetworkScope) => Prisma.sql`
  g.id, g.title, g."startsAt", g."endsAt", g."timeZone", g.mode::text AS mode, g."placeName", g.status::text AS status,
  g.visibility::text AS visibility, g."seriesId", g.capacity,
  (SELECT count(*)::int FROM "Rsvp" r WHERE r."networkId" = g."networkId" AND r."gatheringId" = g.id AND r.status = 'going') AS going,
  (SELECT r.status::text FROM "Rsvp" r WHERE r."networkId" = g."networkId" AND r."gatheringId" = g.id AND r."userId" = ${scope.userId}) AS rsvp,
  (SELECT count(*)::int FROM "Attendance" a WHERE a."networkId" = g."networkId" AND a."gatheringId" = g.id) AS came`;

/** Proposals are seen by brokers and by the member who proposed them. */
function proposalsSeen(scope: NetworkScope) {
  return can(scope.role, "gathering.plan") ? Prisma.sql`TRUE` : Prisma.sql`(g.status <> 'proposed' OR g."createdById" = ${scope.userId})`;
}

/**
 * The gatherings page: everything still to come (cancelled ones struck through, so nobody goes in
 * vain), then the past, newest first, paged by keyset on (startsAt, id). One statement for both
 * lists; a member's page reads the network's setting too (whether members may propose), which
 * decides nothing for brokers and funders.
 */
export async function loadGatheringsPage(scope: NetworkScope, before: Cursor | undefined, now = new Date()) {
  const n = scope.networkId;
  const cursor = before ? Prisma.sql`AND (g."startsAt", g.id) < (${before.at}, ${before.id})` : Prisma.empty;
  const [rows, settings] = await Promise.all([
    db(scope).$queryRaw<(GatheringSummary & { part: number })[]>`
      (SELECT 0 AS part, ${SUMMARY(scope)} FROM "Gathering" g
        WHERE g."networkId" = ${n} AND g."endsAt" > ${now} AND ${proposalsSeen(scope)}
        ORDER BY g."startsAt", g.id LIMIT ${UPCOMING_MAX})
      UNION ALL
      (SELECT 1 AS part, ${SUMMARY(scope)} FROM "Gathering" g
        WHERE g."networkId" = ${n} AND g."endsAt" <= ${now} AND g.status <> 'proposed' ${cursor}
        ORDER BY g."startsAt" DESC, g.id DESC LIMIT ${PAST_PAGE_SIZE + 1})`,
    // The first page's two settings in one statement: whether members may propose gatherings, and
    // whether the viewer has a private calendar feed of this network.
    before
      ? Promise.resolve([] as { propose: boolean; feed: boolean }[])
      : db(scope).$queryRaw<{ propose: boolean; feed: boolean }[]>`
          SELECT n."membersProposeGatherings" AS propose, m."calendarTokenHash" IS NOT NULL AS feed
          FROM "Network" n JOIN "Membership" m ON m."networkId" = n.id AND m.id = ${scope.membershipId}
          WHERE n.id = ${n}`,
  ]);
  const setting = settings[0]?.propose ?? false;
  const summary = ({ part: _part, ...g }: GatheringSummary & { part: number }): GatheringSummary => g;
  const upcoming = rows.filter((r) => r.part === 0).map(summary);
  const past = rows.filter((r) => r.part === 1).map(summary);
  const page = past.slice(0, PAST_PAGE_SIZE);
  const last = page.at(-1);
  return {
    upcoming,
    past: page,
    next: past.length > PAST_PAGE_SIZE && last ? encodeCursor({ at: last.startsAt, id: last.id }) : null,
    mayCreate: mayCreate(scope.role, setting) !== null,
    /** Whether the viewer has a private calendar feed of this network (first page only). */
    feed: settings[0]?.feed ?? false,
  };
}

// ---------------------------------------------------------------- one gathering

type GatheringRow = {
  id: string;
  seriesId: string | null;
  title: string;
  purpose: string;
  purposeHtml: string | null;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  mode: GatheringMode;
  placeName: string;
  address: string;
  accessibility: string;
  onlineUrl: string;
  visibility: GatheringVisibility;
  status: GatheringStatus;
  capacity: number | null;
  sequence: number;
  cancelledAt: Date | null;
  cancelReason: string;
  createdById: string | null;
  createdByName: string | null;
  seriesRule: string | null;
  seriesEndedAt: Date | null;
  going: number;
  maybe: number;
  waitlisted: number;
  notGoing: number;
  cameMembers: number;
  cameGuests: number;
  rsvpStatus: RsvpStatus | null;
  rsvpNote: string | null;
  isHost: boolean;
};

/** One row of the page's second statement: agenda items, hosts, answers, attendance and the series. */
type PartRow = {
  kind: "agenda" | "host" | "rsvp" | "came" | "occurrence";
  id: string;
  position: number | null;
  title: string | null;
  minutes: number | null;
  userId: string | null;
  name: string | null;
  ref: string | null;
  refTitle: string | null;
  at: Date | null;
  status: string | null;
};

export type AgendaItemView = {
  id: string;
  title: string;
  minutes: number;
  host: { id: string; name: string } | null;
  thread: { id: string; title: string } | null;
};

export type Person = { userId: string; name: string };

export type GatheringPage = NonNullable<Awaited<ReturnType<typeof loadGatheringPage>>>;

/**
 * Everything the gathering page shows, for this viewer: two statements (the gathering with counts
 * and the viewer's answer; then its agenda, hosts, answers, attendance and series as one list).
 * Names (who is going, who came) only for brokers and members; the online link only for people
 * going, hosts and brokers. Beside them, sent together, the harvest section (lib/harvests/queries.ts:
 * one statement, one more of what to link for those who may write it).
 */
export async function loadGatheringPage(scope: NetworkScope, gatheringId: string, now = new Date()) {
  const n = scope.networkId;
  const names = maySeeNames(scope.role);
  const namesShown = names ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
  const [rows, parts, harvest] = await Promise.all([
    db(scope).$queryRaw<GatheringRow[]>`
      SELECT g.id, g."seriesId", g.title, g.purpose, g."purposeHtml", g."startsAt", g."endsAt", g."timeZone", g.mode::text AS mode,
             g."placeName", g.address, g.accessibility, g."onlineUrl", g.visibility::text AS visibility, g.status::text AS status,
             g.capacity, g.sequence, g."cancelledAt", g."cancelReason", g."createdById", u.name AS "createdByName",
             s.rule AS "seriesRule", s."endedAt" AS "seriesEndedAt",
             c.going, c.maybe, c.waitlisted, c."notGoing",
             (SELECT count(*)::int FROM "Attendance" a WHERE a."networkId" = ${n} AND a."gatheringId" = g.id AND a."userId" IS NOT NULL) AS "cameMembers",
             (SELECT count(*)::int FROM "Attendance" a WHERE a."networkId" = ${n} AND a."gatheringId" = g.id AND a."userId" IS NULL) AS "cameGuests",
             mine.status::text AS "rsvpStatus", mine.note AS "rsvpNote",
             EXISTS (SELECT 1 FROM "GatheringHost" h WHERE h."networkId" = ${n} AND h."gatheringId" = g.id AND h."userId" = ${scope.userId}) AS "isHost"
      FROM "Gathering" g
      LEFT JOIN "User" u ON u.id = g."createdById"
      LEFT JOIN "GatheringSeries" s ON s."networkId" = g."networkId" AND s.id = g."seriesId"
      LEFT JOIN "Rsvp" mine ON mine."networkId" = g."networkId" AND mine."gatheringId" = g.id AND mine."userId" = ${scope.userId}
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE r.status = 'going')::int AS going, count(*) FILTER (WHERE r.status = 'maybe')::int AS maybe,
               count(*) FILTER (WHERE r.status = 'waitlisted')::int AS waitlisted, count(*) FILTER (WHERE r.status = 'not_going')::int AS "notGoing"
        FROM "Rsvp" r WHERE r."networkId" = g."networkId" AND r."gatheringId" = g.id) c
      WHERE g.id = ${gatheringId} AND g."networkId" = ${n}`,
    db(scope).$queryRaw<PartRow[]>`
      (SELECT 'agenda'::text AS kind, i.id, i.position, i.title, i.minutes, i."hostId" AS "userId", hu.name,
              t.id AS ref, t.title AS "refTitle", NULL::timestamp AS at, NULL::text AS status
        FROM "AgendaItem" i
        LEFT JOIN "User" hu ON hu.id = i."hostId"
        LEFT JOIN "Thread" t ON t."networkId" = i."networkId" AND t.id = i."threadId" AND t."hiddenAt" IS NULL
        WHERE i."networkId" = ${n} AND i."gatheringId" = ${gatheringId}
        ORDER BY i.position LIMIT 100)
      UNION ALL
      (SELECT 'host', h."userId", NULL, NULL, NULL, h."userId", u.name, NULL, NULL, h."createdAt", NULL
        FROM "GatheringHost" h JOIN "User" u ON u.id = h."userId"
        WHERE h."networkId" = ${n} AND h."gatheringId" = ${gatheringId}
        ORDER BY u.name LIMIT 50)
      UNION ALL
      (SELECT 'rsvp', r.id, NULL, NULL, NULL, r."userId", u.name, NULL, r.note, coalesce(r."waitlistedAt", r."updatedAt"), r.status::text
        FROM "Rsvp" r JOIN "User" u ON u.id = r."userId"
        WHERE ${namesShown} AND r."networkId" = ${n} AND r."gatheringId" = ${gatheringId} AND r.status <> 'not_going'
        ORDER BY r."waitlistedAt" NULLS FIRST, u.name, r.id LIMIT 1000)
      UNION ALL
      (SELECT 'came', a.id, NULL, a."guestName", NULL, a."userId", u.name, NULL, NULL, a."createdAt", NULL
        FROM "Attendance" a LEFT JOIN "User" u ON u.id = a."userId"
        WHERE ${namesShown} AND a."networkId" = ${n} AND a."gatheringId" = ${gatheringId}
        ORDER BY coalesce(u.name, a."guestName"), a.id LIMIT 1000)
      UNION ALL
      (SELECT 'occurrence', o.id, NULL, o.title, NULL, NULL, NULL, NULL, NULL, o."startsAt", o.status::text
        FROM "Gathering" g JOIN "Gathering" o ON o."networkId" = g."networkId" AND o."seriesId" = g."seriesId"
        WHERE g."networkId" = ${n} AND g.id = ${gatheringId} AND o."networkId" = ${n}
        ORDER BY o."startsAt", o.id LIMIT 60)`,
    // Its harvest (decision 038): one statement, one more for those who may write it.
    loadHarvestSection(scope, gatheringId, now),
  ]);
  const g = rows[0];
  if (!g) return null;
  if (g.status === "proposed" && !can(scope.role, "gathering.plan") && g.createdById !== scope.userId) return null;
  const of = <K extends PartRow["kind"]>(kind: K) => parts.filter((p) => p.kind === kind);
  const editable = mayEdit(scope.role, g, scope.userId);
  const started = g.startsAt.getTime() <= now.getTime();
  const over = g.endsAt.getTime() <= now.getTime();
  const { onlineUrl, isHost, rsvpStatus, rsvpNote, seriesRule, seriesEndedAt, createdByName, ...gathering } = g;
  const recordsAttendance = mayRecordAttendance(scope.role, isHost) && g.status === "planned" && started;
  return {
    gathering: {
      ...gathering,
      createdBy: g.createdById ? { id: g.createdById, name: createdByName ?? "" } : null,
      onlineUrl: maySeeOnlineLink(scope.role, isHost, rsvpStatus) ? onlineUrl : null,
    },
    series: g.seriesId
      ? {
          id: g.seriesId,
          rule: seriesRule ?? "",
          endedAt: seriesEndedAt,
          occurrences: of("occurrence").map((o) => ({ id: o.id, startsAt: o.at!, status: o.status as GatheringStatus })),
        }
      : null,
    agenda: of("agenda").map(
      (a): AgendaItemView => ({
        id: a.id,
        title: a.title ?? "",
        minutes: a.minutes ?? 0,
        host: a.userId && a.name ? { id: a.userId, name: a.name } : null,
        thread: a.ref ? { id: a.ref, title: a.refTitle ?? "" } : null,
      }),
    ),
    hosts: of("host").map((h): Person => ({ userId: h.userId!, name: h.name ?? "" })),
    counts: { going: g.going, maybe: g.maybe, waitlisted: g.waitlisted, notGoing: g.notGoing, cameMembers: g.cameMembers, cameGuests: g.cameGuests },
    /** Null for funders: counts only. */
    people: names
      ? {
          going: of("rsvp").filter((r) => r.status === "going").map((r) => ({ userId: r.userId!, name: r.name ?? "", note: r.refTitle ?? "" })),
          maybe: of("rsvp").filter((r) => r.status === "maybe").map((r) => ({ userId: r.userId!, name: r.name ?? "", note: r.refTitle ?? "" })),
          waitlist: of("rsvp").filter((r) => r.status === "waitlisted").map((r) => ({ userId: r.userId!, name: r.name ?? "", note: r.refTitle ?? "" })),
          came: of("came").filter((a) => a.userId).map((a): Person => ({ userId: a.userId!, name: a.name ?? "" })),
          guests: of("came").filter((a) => !a.userId).map((a) => a.title ?? ""),
        }
      : null,
    viewer: {
      rsvp: rsvpStatus ? { status: rsvpStatus, note: rsvpNote ?? "" } : null,
      isHost,
      mayEdit: editable && g.status !== "cancelled" && !over,
      mayCancel: editable && g.status !== "cancelled" && !over,
      mayPlan: can(scope.role, "gathering.plan") && g.status === "proposed" && !started,
      mayEndSeries: can(scope.role, "gathering.plan") && g.seriesId !== null && seriesEndedAt === null,
      mayRsvp: can(scope.role, "gathering.rsvp") && rsvpRefusal(g, now) === null,
      mayRecordAttendance: recordsAttendance,
    },
    /** Who a host may tick on the attendance form (a third statement, for hosts and brokers only). */
    attendanceCandidates: recordsAttendance ? await loadAttendanceCandidates(scope, g.id) : null,
    /** The harvest as this viewer may read it, and whether they may write it (lib/harvests/queries.ts). */
    harvest,
    started,
    over,
  };
}

/**
 * Who a host may tick on the attendance form: the network's active people, those going first
 * (pre-ticked), then those who already came, then everyone else by name. One statement.
 */
async function loadAttendanceCandidates(scope: NetworkScope, gatheringId: string) {
  return db(scope).$queryRaw<{ userId: string; name: string; going: boolean; came: boolean }[]>`
    SELECT m."userId", u.name,
           EXISTS (SELECT 1 FROM "Rsvp" r WHERE r."networkId" = m."networkId" AND r."gatheringId" = ${gatheringId}
                   AND r."userId" = m."userId" AND r.status = 'going') AS going,
           EXISTS (SELECT 1 FROM "Attendance" a WHERE a."networkId" = m."networkId" AND a."gatheringId" = ${gatheringId}
                   AND a."userId" = m."userId") AS came
    FROM "Membership" m JOIN "User" u ON u.id = m."userId"
    WHERE m."networkId" = ${scope.networkId} AND m.status = 'active'
    ORDER BY going DESC, came DESC, u.name, m."userId"
    LIMIT 500`;
}

// ---------------------------------------------------------------- the form

/**
 * What the new and edit forms offer: the people who may host an agenda item (active brokers and
 * members) and the threads one may prepare in (the most recent, not hidden); for an edit, the
 * gathering and its agenda when the viewer may still edit it (null otherwise). Four statements.
 */
export async function loadGatheringForm(scope: NetworkScope, gatheringId: string | null, now = new Date()) {
  const n = scope.networkId;
  const [hosts, threads, gathering, setting] = await Promise.all([
    db(scope).$queryRaw<{ userId: string; name: string }[]>`
      SELECT m."userId", u.name FROM "Membership" m JOIN "User" u ON u.id = m."userId"
      WHERE m."networkId" = ${n} AND m.status = 'active' AND m.role IN ('broker', 'member')
      ORDER BY u.name, m."userId" LIMIT 500`,
    db(scope).thread.findMany({
      where: { networkId: n, hiddenAt: null },
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      take: 200,
      select: { id: true, title: true },
    }),
    gatheringId
      ? db(scope).gathering.findFirst({
          where: { networkId: n, id: gatheringId },
          select: {
            id: true,
            title: true,
            purpose: true,
            startsAt: true,
            endsAt: true,
            timeZone: true,
            mode: true,
            placeName: true,
            address: true,
            accessibility: true,
            onlineUrl: true,
            visibility: true,
            capacity: true,
            status: true,
            createdById: true,
            seriesId: true,
            agenda: { where: { networkId: n }, orderBy: { position: "asc" }, select: { title: true, minutes: true, hostId: true, threadId: true } },
          },
        })
      : Promise.resolve(null),
    gatheringId ? Promise.resolve(null) : membersProposeGatherings(scope),
  ]);
  // Only what the viewer may still edit: not cancelled, not over.
  const editable = gathering && mayEdit(scope.role, gathering, scope.userId) && gathering.status !== "cancelled" && gathering.endsAt > now ? gathering : null;
  return { hosts, threads, gathering: editable, proposes: setting === null ? null : mayCreate(scope.role, setting) };
}

// ---------------------------------------------------------------- across a person's networks

/** How many of a person's next gatherings the site's home lists. */
const MINE_MAX = 5;

export type MyGathering = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  placeName: string;
  mode: GatheringMode;
  networkSlug: string;
  networkName: string;
  networkLocale: string;
  rsvp: RsvpStatus | null;
};

/**
 * A person's next gatherings across the networks they are an active member of (planned, not yet
 * over), with their answer: for the site's home. A reviewed cross-network read (decision 022): only
 * the person's own networks, one statement after the membership look-up.
 */
export async function listMyUpcomingGatherings(userId: string, now = new Date()): Promise<MyGathering[]> {
  const own = await memberNetworkIds(userId);
  if (own.length === 0) return [];
  return dbAcross(own).$queryRaw<MyGathering[]>`
    SELECT g.id, g.title, g."startsAt", g."endsAt", g."timeZone", g."placeName", g.mode::text AS mode,
           n.slug AS "networkSlug", n.name AS "networkName", n.locale::text AS "networkLocale", r.status::text AS rsvp
    FROM "Gathering" g
    JOIN "Network" n ON n.id = g."networkId"
    LEFT JOIN "Rsvp" r ON r."networkId" = g."networkId" AND r."gatheringId" = g.id AND r."userId" = ${userId}
    WHERE g."networkId" IN (${Prisma.join(own)}) AND g.status = 'planned' AND g."endsAt" > ${now}
      AND (r.status IS NULL OR r.status <> 'not_going')
    ORDER BY g."startsAt", g.id
    LIMIT ${MINE_MAX}`;
}
