// Offers and requests in the dialogue network (`bench`), for the exchange page (issue 20): a
// vocabulary of 20 tags, 2,000 running posts by the members (the list pages them by keyset) and
// 500 closed ones, the measured member's among them. Plain SQL inside the caller's transaction,
// after seedDialogue. Used by bench/budgets.ts.
import type pg from "pg";
import { DIALOGUE } from "./dialogue";

const EXCHANGE = { open: 2_000, closed: 500, tags: 20 } as const;

export async function seedExchange(c: pg.Client): Promise<void> {
  const n = DIALOGUE.network;
  await c.query(
    `INSERT INTO "ExchangeTag" (id, "networkId", slug, "labelEn", "labelNl", "createdAt")
     SELECT 'xtag-' || g, $1, 'tag-' || g, 'Tag ' || g, 'Label ' || g, now() FROM generate_series(1, $2) g`,
    [n, EXCHANGE.tags],
  );
  await c.query(
    `INSERT INTO "ExchangePost" (id, "networkId", "authorId", direction, capital, title, body, "bodyHtml", tags, town,
                                 visibility, status, "expiresAt", "closedAt", "createdAt", "updatedAt")
     SELECT 'xbench-' || g, $1, 'u' || lpad(to_hex(g % $3), 6, '0'),
            (CASE WHEN g % 2 = 0 THEN 'offer' ELSE 'request' END)::"ExchangeDirection",
            (ARRAY['knowledge', 'contacts', 'time', 'place', 'materials', 'other'])[1 + g % 6]::"CapitalKind",
            'Exchange post ' || g, 'What we **offer** or need.', '<p>What we <strong>offer</strong> or need.</p>',
            ARRAY['tag-' || (1 + g % $4), 'free-' || g], 'Tilburg',
            (CASE WHEN g % 3 = 0 THEN 'network_and_funders' ELSE 'network' END)::"ExchangeVisibility",
            (CASE WHEN g > $2 THEN 'fulfilled' ELSE 'open' END)::"ExchangeStatus",
            now() + interval '30 days', CASE WHEN g > $2 THEN now() ELSE NULL END,
            now() - (g || ' minutes')::interval, now()
     FROM generate_series(1, $2::int + $5::int) g`,
    [n, EXCHANGE.open, DIALOGUE.members, EXCHANGE.tags, EXCHANGE.closed],
  );
}
