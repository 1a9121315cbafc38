-- CreateIndex
CREATE INDEX "CommonsQuestion_askerId_idx" ON "CommonsQuestion"("askerId");

-- The networks where a person asked about a shared item ("Ask the source network", decision 045):
-- they need not belong to them, so their own data export and the deletion of their account find
-- those questions through this door (decision 022), which returns nothing about anyone else.
CREATE FUNCTION kring_question_networks(p_user_id text)
RETURNS TABLE ("networkId" text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
SET app.network_ids = '*'
AS $$
  SELECT DISTINCT q."networkId" FROM "CommonsQuestion" q WHERE q."askerId" = p_user_id
$$;

REVOKE ALL ON FUNCTION kring_question_networks(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION kring_question_networks(text) TO kring_app;
