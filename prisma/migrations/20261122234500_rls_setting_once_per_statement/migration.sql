-- The tenant policy reads app.network_ids once per statement, not once per row (decision 022).
--
-- kring_network_visible() was evaluated for every row a statement looked at, splitting the
-- setting each time: with a funder's fifty networks that made the dashboard several times slower.
-- Written as uncorrelated sub-selects, the setting becomes an InitPlan: computed once, and
-- "networkId" = ANY(...) can drive an index scan. Same meaning: '' and an unset setting see no
-- row, '*' sees every row, 'a,b' the rows of a and b.

DROP POLICY kring_tenant ON "Membership";
CREATE POLICY kring_tenant ON "Membership" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Invitation";
CREATE POLICY kring_tenant ON "Invitation" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "AuditEntry";
CREATE POLICY kring_tenant ON "AuditEntry" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Thread";
CREATE POLICY kring_tenant ON "Thread" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Reply";
CREATE POLICY kring_tenant ON "Reply" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "ReplyRevision";
CREATE POLICY kring_tenant ON "ReplyRevision" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "ThreadRevision";
CREATE POLICY kring_tenant ON "ThreadRevision" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Reaction";
CREATE POLICY kring_tenant ON "Reaction" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "ThreadRead";
CREATE POLICY kring_tenant ON "ThreadRead" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Mention";
CREATE POLICY kring_tenant ON "Mention" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Report";
CREATE POLICY kring_tenant ON "Report" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Notification";
CREATE POLICY kring_tenant ON "Notification" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Cycle";
CREATE POLICY kring_tenant ON "Cycle" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Reflection";
CREATE POLICY kring_tenant ON "Reflection" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "SynthesisRevision";
CREATE POLICY kring_tenant ON "SynthesisRevision" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "SynthesisCitation";
CREATE POLICY kring_tenant ON "SynthesisCitation" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "ConsentRound";
CREATE POLICY kring_tenant ON "ConsentRound" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "ConsentAnswer";
CREATE POLICY kring_tenant ON "ConsentAnswer" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Initiative";
CREATE POLICY kring_tenant ON "Initiative" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "InitiativeMember";
CREATE POLICY kring_tenant ON "InitiativeMember" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Milestone";
CREATE POLICY kring_tenant ON "Milestone" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "MilestoneUpdate";
CREATE POLICY kring_tenant ON "MilestoneUpdate" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "Pledge";
CREATE POLICY kring_tenant ON "Pledge" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "PledgeMonth";
CREATE POLICY kring_tenant ON "PledgeMonth" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "MilestoneTally";
CREATE POLICY kring_tenant ON "MilestoneTally" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP POLICY kring_tenant ON "FunderMilestone";
CREATE POLICY kring_tenant ON "FunderMilestone" USING ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[]))) WITH CHECK ((SELECT current_setting('app.network_ids', true) = '*') OR "networkId" = ANY (CAST((SELECT string_to_array(current_setting('app.network_ids', true), ',')) AS text[])));

DROP FUNCTION kring_network_visible(text);
