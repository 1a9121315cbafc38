// Gatherings in the dialogue network (`bench`), for the gatherings list and a gathering page: 500
// past gatherings with attendance (the list pages the past by keyset), 10 ahead, and one big
// gathering a week ahead with an agenda of 12 items, every member answering (a capacity of 12, so
// some wait) and guests. Plain SQL inside the caller's transaction, after seedDialogue. Used by
// bench/budgets.ts.
import type pg from "pg";
import { DIALOGUE } from "./dialogue";

export const GATHERINGS = { big: "gbench-big", past: 500, ahead: 10, agenda: 12, capacity: 12 } as const;

export async function seedGatherings(c: pg.Client): Promise<void> {
  const n = DIALOGUE.network;
  await c.query(
    `INSERT INTO "Gathering" (id, "networkId", title, purpose, "startsAt", "endsAt", "timeZone", "placeName", address, "createdById", "createdAt", "updatedAt")
     SELECT 'gbench-p' || g, $1, 'Evening ' || g || ': what moved us', 'We **meet** to look back.',
            now() - (g || ' days')::interval, now() - (g || ' days')::interval + interval '2 hours', 'Europe/Amsterdam',
            'Library', 'Main street 1', 'u000000', now() - interval '600 days', now()
     FROM generate_series(1, $2) g`,
    [n, GATHERINGS.past],
  );
  await c.query(
    `INSERT INTO "Attendance" (id, "networkId", "gatheringId", "userId", "recordedById", "createdAt")
     SELECT 'abench-' || g || '-' || u, $1, 'gbench-p' || g, 'u' || lpad(to_hex(u), 6, '0'), 'u000000', now()
     FROM generate_series(1, $2) g, generate_series(0, 7) u`,
    [n, GATHERINGS.past],
  );
  await c.query(
    `INSERT INTO "Gathering" (id, "networkId", title, "startsAt", "endsAt", "timeZone", "placeName", "createdById", "createdAt", "updatedAt")
     SELECT 'gbench-a' || g, $1, 'Coming evening ' || g, now() + ((g + 8) || ' days')::interval,
            now() + ((g + 8) || ' days')::interval + interval '2 hours', 'Europe/Amsterdam', 'Library', 'u000000', now(), now()
     FROM generate_series(1, $2) g`,
    [n, GATHERINGS.ahead],
  );
  await c.query(
    `INSERT INTO "Gathering" (id, "networkId", title, purpose, "purposeHtml", "startsAt", "endsAt", "timeZone", mode, "placeName", address,
                              accessibility, "onlineUrl", capacity, "createdById", "createdAt", "updatedAt")
     VALUES ($1, $2, 'The big gathering', 'Why we meet', '<p>Why we meet</p>', now() + interval '7 days', now() + interval '7 days 6 hours',
             'Europe/Amsterdam', 'hybrid', 'Town hall', 'Main street 1', 'Step-free', 'https://meet.example.org/big', $3, 'u000000', now(), now())`,
    [GATHERINGS.big, n, GATHERINGS.capacity],
  );
  await c.query(
    `INSERT INTO "AgendaItem" (id, "networkId", "gatheringId", position, title, minutes, "hostId", "threadId", "createdAt")
     SELECT 'ibench-' || g, $1, $2, g, 'Item ' || g, 20, 'u' || lpad(to_hex(g % $4), 6, '0'), 't' || lpad(to_hex(g), 6, '0'), now()
     FROM generate_series(0, $3 - 1) g`,
    [n, GATHERINGS.big, GATHERINGS.agenda, DIALOGUE.members],
  );
  await c.query(
    `INSERT INTO "GatheringHost" ("networkId", "gatheringId", "userId", "createdAt")
     SELECT $1, $2, 'u' || lpad(to_hex(g), 6, '0'), now() FROM generate_series(0, 3) g`,
    [n, GATHERINGS.big],
  );
  // The first `capacity` members going (the measured member among them), the rest waiting.
  await c.query(
    `INSERT INTO "Rsvp" (id, "networkId", "gatheringId", "userId", status, note, "waitlistedAt", "createdAt", "updatedAt")
     SELECT 'rbench-' || g, $1, $2, 'u' || lpad(to_hex(g), 6, '0'),
            (CASE WHEN g < $4 THEN 'going' ELSE 'waitlisted' END)::"RsvpStatus", 'Note ' || g,
            CASE WHEN g < $4 THEN NULL ELSE now() - ((100 - g) || ' minutes')::interval END, now(), now()
     FROM generate_series(0, $3 - 1) g`,
    [n, GATHERINGS.big, DIALOGUE.members, GATHERINGS.capacity],
  );
}
