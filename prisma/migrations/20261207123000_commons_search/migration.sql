-- The commons' full-text vector (issue 21, decision 045): filled by the database on every insert and
-- update of a CommonsItem, so whoever publishes only inserts the row and no write path can forget it.
-- Stemmed in the item's own language (nl: dutch, otherwise english); the title weighs most (A), then
-- the topic (B), then the body (C), read as plain words: Markdown's marks and link targets are not words.
-- A withdrawn item is emptied (decision 043), so its vector is empty too and no search can find it.
CREATE FUNCTION "CommonsItem_search_vector"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cfg regconfig := CASE WHEN NEW.language::text = 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END;
BEGIN
  NEW."searchVector" :=
    setweight(to_tsvector(cfg, coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector(cfg, coalesce(NEW.topic, '')), 'B') ||
    setweight(to_tsvector(cfg,
      regexp_replace(regexp_replace(coalesce(NEW.body, ''), '\]\([^)]*\)', ' ', 'g'), '[#*_`>~|\[\]]+', ' ', 'g')), 'C');
  RETURN NEW;
END;
$$;

CREATE TRIGGER "CommonsItem_search_vector" BEFORE INSERT OR UPDATE ON "CommonsItem"
FOR EACH ROW EXECUTE FUNCTION "CommonsItem_search_vector"();
