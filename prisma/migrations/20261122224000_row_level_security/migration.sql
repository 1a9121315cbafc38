-- Row-level security on every tenant table (decision 022).
--
-- The application runs as the role kring_app: it owns no table, is no superuser and has no
-- BYPASSRLS, so the policies below hold for everything it reads and writes. Each statement
-- runs with the networks it may touch in the setting app.network_ids (set by lib/db/client.ts
-- from the server-side membership check): '' (the default) sees no tenant row, 'a,b' sees the
-- rows of networks a and b, '*' is the reviewed system path (start-up, jobs, seeding).
-- Migrations keep running as the owner of the tables.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kring_app') THEN
    CREATE ROLE kring_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  -- The owner switches to the role on connect (SET ROLE), so it must be a member; a
  -- superuser needs no membership.
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT kring_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO kring_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO kring_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO kring_app;
-- Tables and sequences that later migrations create get the same rights.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kring_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO kring_app;
-- Nothing of Prisma's own bookkeeping (absent from the shadow database a schema diff uses).
DO $$
BEGIN
  IF to_regclass('"_prisma_migrations"') IS NOT NULL THEN
    REVOKE ALL ON TABLE "_prisma_migrations" FROM kring_app;
  END IF;
END
$$;

-- True when the current statement may see rows of network_id. STABLE and written in SQL,
-- so the planner inlines it and reads the setting once per scan.
CREATE FUNCTION kring_network_visible(network_id text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE coalesce(current_setting('app.network_ids', true), '')
    WHEN '' THEN false
    WHEN '*' THEN true
    ELSE network_id = ANY (string_to_array(current_setting('app.network_ids', true), ','))
  END
$$;

ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Membership" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Invitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Invitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Invitation" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "AuditEntry" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEntry" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "AuditEntry" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Thread" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Thread" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Thread" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Reply" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Reply" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Reply" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "ReplyRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ReplyRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ReplyRevision" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "ThreadRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ThreadRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ThreadRevision" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Reaction" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Reaction" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Reaction" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "ThreadRead" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ThreadRead" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ThreadRead" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Mention" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Mention" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Mention" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Report" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Report" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Report" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Notification" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Notification" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Notification" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Cycle" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Cycle" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Cycle" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Reflection" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Reflection" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Reflection" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "SynthesisRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SynthesisRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "SynthesisRevision" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "SynthesisCitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SynthesisCitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "SynthesisCitation" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "ConsentRound" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ConsentRound" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ConsentRound" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "ConsentAnswer" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ConsentAnswer" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "ConsentAnswer" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Initiative" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Initiative" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Initiative" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "InitiativeMember" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InitiativeMember" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "InitiativeMember" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Milestone" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Milestone" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Milestone" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "MilestoneUpdate" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MilestoneUpdate" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "MilestoneUpdate" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "Pledge" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Pledge" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "Pledge" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "PledgeMonth" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PledgeMonth" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "PledgeMonth" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "MilestoneTally" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MilestoneTally" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "MilestoneTally" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

ALTER TABLE "FunderMilestone" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FunderMilestone" FORCE ROW LEVEL SECURITY;
CREATE POLICY kring_tenant ON "FunderMilestone" USING (kring_network_visible("networkId")) WITH CHECK (kring_network_visible("networkId"));

-- The two doors that read memberships before any network is chosen: they are the membership
-- check itself. Each runs as the owner with every network visible, and returns only the
-- given person's own memberships (and one network's member count), so the application
-- never needs to see other people's rows to find out where someone belongs.

-- One network by slug, with its active member count and this person's membership in it
-- (any status; none for a visitor).
CREATE FUNCTION kring_network_with_viewer(p_slug text, p_user_id text)
RETURNS TABLE (
  id text, slug text, name text, purpose text, "workingQuestion" text, principles text[], visibility text,
  "joinPolicy" text, locale text, "createdAt" timestamp(3), "memberCount" integer, "membershipId" text,
  role text, status text, "requestMessage" text, "membershipCreatedAt" timestamp(3)
)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET app.network_ids = '*'
AS $$
  SELECT n.id, n.slug, n.name, n.purpose, n."workingQuestion", n.principles, n.visibility::text,
         n."joinPolicy"::text, n.locale::text, n."createdAt",
         (SELECT count(*) FROM "Membership" c WHERE c."networkId" = n.id AND c.status = 'active')::int,
         m.id, m.role::text, m.status::text, m."requestMessage", m."createdAt"
  FROM "Network" n
  LEFT JOIN "Membership" m ON m."networkId" = n.id AND m."userId" = p_user_id
  WHERE n.slug = p_slug
  LIMIT 1
$$;

-- The networks a person belongs to (active memberships only, or every status), by name.
CREATE FUNCTION kring_member_networks(p_user_id text, p_active_only boolean)
RETURNS TABLE ("networkId" text, slug text, name text, locale text, role text, status text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET app.network_ids = '*'
AS $$
  SELECT n.id, n.slug, n.name, n.locale::text, m.role::text, m.status::text
  FROM "Membership" m
  JOIN "Network" n ON n.id = m."networkId"
  WHERE m."userId" = p_user_id AND (m.status = 'active' OR NOT p_active_only)
  ORDER BY n.name, n.id
$$;

REVOKE ALL ON FUNCTION kring_network_with_viewer(text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION kring_member_networks(text, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kring_network_with_viewer(text, text) TO kring_app;
GRANT EXECUTE ON FUNCTION kring_member_networks(text, boolean) TO kring_app;
