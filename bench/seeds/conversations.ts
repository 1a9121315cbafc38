// The exchange's private conversations in the dialogue network (`bench`), for "my conversations" and
// a conversation page (issue 20): 300 requests by the other members, each answered by the measured
// member (the list pages them by keyset on the latest message), one of the measured member's own
// requests answered by every other member, and one conversation of 2,000 messages (its page shows the
// latest 50, earlier ones by keyset). Plain SQL inside the caller's transaction, after seedDialogue.
// Used by bench/budgets.ts.
import type pg from "pg";
import { DIALOGUE } from "./dialogue";

export const CONVERSATIONS = { posts: 300, messages: 2_000, post: "cbench-p1", big: "cbench-c1", latest: "Conversation on request 1" } as const;

export async function seedConversations(c: pg.Client): Promise<void> {
  const n = DIALOGUE.network;
  const me = DIALOGUE.member;
  // Requests by the other members (u000002 on), open for two months.
  await c.query(
    `INSERT INTO "ExchangePost" (id, "networkId", "authorId", direction, capital, title, body, "bodyHtml", town, status, "expiresAt", "createdAt", "updatedAt")
     SELECT 'cbench-p' || g, $1, 'u' || lpad(to_hex(2 + g % ($3 - 2)), 6, '0'), 'request', 'time',
            'Conversation on request ' || g, 'We need a **hand**.', '<p>We need a <strong>hand</strong>.</p>', 'Tilburg', 'open',
            now() + interval '60 days', now() - interval '30 days', now()
     FROM generate_series(1, $2) g`,
    [n, CONVERSATIONS.posts, DIALOGUE.members],
  );
  // The measured member answered each; request 1's conversation is the latest.
  await c.query(
    `INSERT INTO "ExchangeConversation" (id, "networkId", "postId", "starterId", "lastMessageAt", "createdAt")
     SELECT 'cbench-c' || g, $1, 'cbench-p' || g, $2, now() - (g || ' minutes')::interval, now() - interval '20 days'
     FROM generate_series(1, $3) g`,
    [n, me, CONVERSATIONS.posts],
  );
  await c.query(
    `INSERT INTO "ExchangeMessage" (id, "networkId", "conversationId", "senderId", body, "bodyHtml", "createdAt")
     SELECT 'cbench-m' || g, $1, 'cbench-c' || g, $2, 'I can help.', '<p>I can help.</p>', now() - (g || ' minutes')::interval
     FROM generate_series(2, $3) g`,
    [n, me, CONVERSATIONS.posts],
  );
  // The big conversation: 2,000 messages, the two of them in turn.
  await c.query(
    `INSERT INTO "ExchangeMessage" (id, "networkId", "conversationId", "senderId", body, "bodyHtml", "createdAt")
     SELECT 'cbench-big-' || g, $1, $2, CASE WHEN g % 2 = 0 THEN $3 ELSE p."authorId" END,
            'Message ' || g || ': **when** suits you?', '<p>Message ' || g || ': <strong>when</strong> suits you?</p>',
            now() - interval '1 minute' - (($4 - g) || ' minutes')::interval
     FROM generate_series(1, $4) g, "ExchangePost" p WHERE p.id = $5`,
    [n, CONVERSATIONS.big, me, CONVERSATIONS.messages, CONVERSATIONS.post],
  );
  // The measured member's own request, answered by every other member, and an unread notification of each.
  await c.query(
    `INSERT INTO "ExchangePost" (id, "networkId", "authorId", direction, capital, title, body, "bodyHtml", town, status, "expiresAt", "createdAt", "updatedAt")
     VALUES ('cbench-mine', $1, $2, 'request', 'place', 'A room for twenty', 'For an **evening**.', '<p>For an <strong>evening</strong>.</p>', 'Tilburg',
             'open', now() + interval '60 days', now() - interval '10 days', now())`,
    [n, me],
  );
  await c.query(
    `INSERT INTO "ExchangeConversation" (id, "networkId", "postId", "starterId", "lastMessageAt", "createdAt")
     SELECT 'cbench-mine-' || g, $1, 'cbench-mine', 'u' || lpad(to_hex(g), 6, '0'), now() - (g || ' hours')::interval, now() - interval '9 days'
     FROM generate_series(2, $2 - 1) g`,
    [n, DIALOGUE.members],
  );
  await c.query(
    `INSERT INTO "Notification" (id, "networkId", "userId", kind, "actorId", "exchangePostId", "conversationId", "dedupeKey", "createdAt")
     SELECT 'cbench-n' || g, $1, $2, 'exchange_answered', 'u' || lpad(to_hex(g), 6, '0'), 'cbench-mine', 'cbench-mine-' || g,
            'exchange-answered:cbench-mine-' || g, now() - (g || ' hours')::interval
     FROM generate_series(2, $3 - 1) g`,
    [n, me, DIALOGUE.members],
  );
}
