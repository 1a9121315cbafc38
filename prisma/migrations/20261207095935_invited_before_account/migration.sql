-- A person invited by address before they had an account hears of each open invitation once their
-- account exists (decision 034): the sign-up writes the `membership_invited` items an existing
-- account would have had at the time of the invitation. Counted as emailed, since the invitation's
-- own mail reached the address. A reviewed cross-network write of the person's own things only,
-- like kring_notification_networks.
CREATE FUNCTION kring_notify_open_invitations(p_user_id text)
RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER
SET search_path = public, pg_temp
SET app.network_ids = '*'
AS $$
  WITH written AS (
    INSERT INTO "Notification" (id, "networkId", "userId", kind, "actorId", role, "dedupeKey", "emailedAt", "createdAt")
    SELECT gen_random_uuid()::text, i."networkId", p_user_id, 'membership_invited', i."createdById", i.role,
           'membership-invited:' || i.id, now(), i."createdAt"
    FROM "Invitation" i
    JOIN "User" u ON u.id = p_user_id AND i.email = lower(u.email)
    WHERE i."usedAt" IS NULL AND i."revokedAt" IS NULL AND i."expiresAt" > now()
    ON CONFLICT ("userId", "dedupeKey") DO NOTHING
    RETURNING 1
  )
  SELECT count(*)::int FROM written
$$;

REVOKE ALL ON FUNCTION kring_notify_open_invitations(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kring_notify_open_invitations(text) TO kring_app;
