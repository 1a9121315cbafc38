-- Indexes the funder dashboard can use under row-level security (decision 022).
--
-- With the tenant policy on a table, PostgreSQL applies a query's own conditions after the
-- policy unless their operators are LEAKPROOF, and an index condition comes first. The
-- operators of enum columns (Milestone.status, MilestoneUpdate.kind) are not LEAKPROOF, so
-- an index that starts with ("networkId", kind, ...) is used for "networkId" alone. A partial
-- index, whose WHERE matches the query's condition, needs no such index condition.

-- The latest updates of a network, whatever their kind, newest first.
DROP INDEX "MilestoneUpdate_networkId_kind_createdAt_idx";
CREATE INDEX "MilestoneUpdate_networkId_createdAt_id_idx" ON "MilestoneUpdate"("networkId", "createdAt" DESC, "id" DESC);

-- The latest lessons of a network (the dashboard, the lessons log).
CREATE INDEX "MilestoneUpdate_lessons_idx" ON "MilestoneUpdate"("networkId", "createdAt" DESC, "id" DESC) WHERE kind = 'lesson';

-- A network's milestones still to reach, by target date (upcoming and overdue).
CREATE INDEX "Milestone_open_targetDate_idx" ON "Milestone"("networkId", "targetDate") WHERE status IN ('planned', 'active');
