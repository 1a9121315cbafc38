-- The membership gate's one statement also returns whether visitors see the network's thread
-- titles (issue 18), so the settings page can show the broker's choice. A function's result type
-- cannot change in place: drop it and create it again, with its grants (decision 022).
DROP FUNCTION kring_network_with_viewer(text, text);

CREATE FUNCTION kring_network_with_viewer(p_slug text, p_user_id text)
RETURNS TABLE (
  id text, slug text, name text, purpose text, "workingQuestion" text, principles text[], visibility text,
  "joinPolicy" text, locale text, "showPublicThreadTitles" boolean, "createdAt" timestamp(3), "memberCount" integer,
  "membershipId" text, role text, status text, "requestMessage" text, "membershipCreatedAt" timestamp(3)
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET app.network_ids = '*'
AS $$
  SELECT n.id, n.slug, n.name, n.purpose, n."workingQuestion", n.principles, n.visibility::text,
         n."joinPolicy"::text, n.locale::text, n."showPublicThreadTitles", n."createdAt",
         (SELECT count(*) FROM "Membership" c WHERE c."networkId" = n.id AND c.status = 'active')::int,
         m.id, m.role::text, m.status::text, m."requestMessage", m."createdAt"
  FROM "Network" n
  LEFT JOIN "Membership" m ON m."networkId" = n.id AND m."userId" = p_user_id
  WHERE n.slug = p_slug
  LIMIT 1
$$;

REVOKE ALL ON FUNCTION kring_network_with_viewer(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kring_network_with_viewer(text, text) TO kring_app;
