/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schema.c: the database schema, version by version.
 *
 * migrations[i] takes a database from version i to version i + 1. Opening a
 * file runs the missing steps in one transaction (db.c), then sets
 * PRAGMA user_version. Never edit a step that has shipped: add one.
 *
 * Every table is STRICT; every enumerated value has a CHECK listing its
 * names; dates are TEXT in ISO 8601 (UTC timestamps end in Z).
 */
#include "schema.h"

#include <stdio.h>

#include "i18n.h"

static const char schema_v1[] =
    "CREATE TABLE meta ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ") STRICT;"

    "CREATE TABLE user ("
    "  id INTEGER PRIMARY KEY,"
    "  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),"
    "  role TEXT NOT NULL CHECK (role IN ('admin','agent','viewer')),"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL"
    ") STRICT;"

    "CREATE TABLE consultation ("
    "  id INTEGER PRIMARY KEY,"
    "  code TEXT NOT NULL UNIQUE COLLATE NOCASE"
    "       CHECK (length(code) BETWEEN 1 AND 32),"
    "  title TEXT NOT NULL CHECK (length(title) > 0),"
    "  description TEXT NOT NULL DEFAULT '',"
    "  kind TEXT NOT NULL DEFAULT 'ideas' CHECK (kind IN ('ideas','findings')),"
    "  audience TEXT NOT NULL DEFAULT 'agents'"
    "       CHECK (audience IN ('agents','citizens','all')),"
    "  opens_on TEXT,"
    "  closes_on TEXT,"
    "  state TEXT NOT NULL DEFAULT 'open'"
    "       CHECK (state IN ('draft','open','closed','archived')),"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL,"
    "  CHECK (closes_on IS NULL OR opens_on IS NULL OR closes_on >= opens_on)"
    ") STRICT;"

    "CREATE TABLE theme ("
    "  id INTEGER PRIMARY KEY,"
    "  consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    "  code TEXT NOT NULL COLLATE NOCASE CHECK (length(code) BETWEEN 1 AND 32),"
    "  title TEXT NOT NULL CHECK (length(title) > 0),"
    "  title_key TEXT NOT NULL,"
    "  position INTEGER NOT NULL,"
    "  UNIQUE (consultation_id, code)"
    ") STRICT;"

    "CREATE TABLE participant ("
    "  id INTEGER PRIMARY KEY,"
    "  ref TEXT UNIQUE,"
    "  name TEXT,"
    "  name_key TEXT,"
    "  service TEXT,"
    "  service_key TEXT NOT NULL DEFAULT '',"
    "  email TEXT,"
    "  postal TEXT,"
    "  consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0,1)),"
    "  channel TEXT NOT NULL DEFAULT 'paper' CHECK (channel IN"
    "       ('paper','workshop','web','email','phone','other')),"
    "  anonymised INTEGER NOT NULL DEFAULT 0 CHECK (anonymised IN (0,1)),"
    /* the import batch that created it (undone with it), NULL otherwise */
    "  batch_id INTEGER REFERENCES import_batch(id),"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX participant_by_name ON participant(name_key, service_key);"
    "CREATE INDEX participant_by_batch ON participant(batch_id)"
    "  WHERE batch_id IS NOT NULL;"

    "CREATE TABLE import_batch ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN"
    "       ('ideas','votes','tallies','participants')),"
    "  consultation_id INTEGER REFERENCES consultation(id),"
    "  file_name TEXT NOT NULL,"
    "  checksum TEXT NOT NULL,"
    "  rows_read INTEGER NOT NULL DEFAULT 0,"
    "  accepted INTEGER NOT NULL DEFAULT 0,"
    "  rejected INTEGER NOT NULL DEFAULT 0,"
    "  duplicates INTEGER NOT NULL DEFAULT 0,"
    "  imported_by TEXT NOT NULL,"
    "  imported_at TEXT NOT NULL,"
    "  undone_at TEXT,"
    "  undone_by TEXT"
    ") STRICT;"
    "CREATE INDEX import_batch_by_checksum ON import_batch(checksum);"

    "CREATE TABLE idea ("
    "  id INTEGER PRIMARY KEY,"
    "  consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    "  theme_id INTEGER NOT NULL REFERENCES theme(id),"
    "  kind TEXT NOT NULL DEFAULT 'idea' CHECK (kind IN ('idea','finding')),"
    "  title TEXT NOT NULL CHECK (length(title) > 0),"
    "  body TEXT NOT NULL CHECK (length(body) > 0),"
    "  author_id INTEGER REFERENCES participant(id),"
    "  channel TEXT NOT NULL DEFAULT 'paper' CHECK (channel IN"
    "       ('paper','workshop','web','email','phone','other')),"
    "  form_ref TEXT,"
    "  batch_id INTEGER REFERENCES import_batch(id),"
    "  submitted_at TEXT NOT NULL,"
    "  entered_at TEXT NOT NULL,"
    "  entered_by TEXT NOT NULL,"
    "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new','reviewing',"
    "       'accepted','rejected','implemented','merged','withdrawn',"
    "       'hidden')),"
    "  status_before TEXT CHECK (status_before IS NULL OR status_before IN"
    "       ('new','reviewing','accepted','rejected','implemented',"
    "        'withdrawn')),"
    "  status_changed_at TEXT NOT NULL,"
    "  status_changed_by TEXT NOT NULL,"
    "  answer TEXT,"
    "  merged_into INTEGER REFERENCES idea(id),"
    "  hidden_reason TEXT,"
    "  votes INTEGER NOT NULL DEFAULT 0 CHECK (votes >= 0),"
    "  tallies INTEGER NOT NULL DEFAULT 0 CHECK (tallies >= 0),"
    "  support INTEGER NOT NULL DEFAULT 0 CHECK (support >= 0),"
    "  CHECK (status NOT IN ('accepted','rejected','implemented')"
    "         OR length(answer) > 0),"
    "  CHECK ((status = 'merged') = (merged_into IS NOT NULL)),"
    "  CHECK (status <> 'hidden' OR length(hidden_reason) > 0),"
    "  CHECK (merged_into IS NULL OR merged_into <> id)"
    ") STRICT;"
    "CREATE UNIQUE INDEX idea_form_ref ON idea(consultation_id, form_ref)"
    "  WHERE form_ref IS NOT NULL;"
    "CREATE INDEX idea_by_date ON idea(consultation_id, submitted_at, id);"
    "CREATE INDEX idea_by_support ON idea(consultation_id, support, id);"
    /* Also covers the per-theme figures of the summary export (counts by
     * status, kind and channel; authors) without reading the ideas. */
    "CREATE INDEX idea_by_theme ON idea(theme_id, status, kind, channel,"
    "  author_id);"
    "CREATE INDEX idea_by_status ON idea(consultation_id, status);"
    "CREATE INDEX idea_by_author ON idea(author_id) WHERE author_id IS NOT NULL;"
    "CREATE INDEX idea_by_merge ON idea(merged_into)"
    "  WHERE merged_into IS NOT NULL;"
    "CREATE INDEX idea_by_batch ON idea(batch_id) WHERE batch_id IS NOT NULL;"

    /* Full-text search on title and body, kept up to date by triggers:
     * accent- and case-insensitive, prefix queries. Prefix indexes for 2
     * and 3 letters keep the first keystrokes of a search fast on a large
     * table (an unindexed prefix merges the doclists of every word that
     * starts with it); longer prefixes are expanded by search.c. */
    "CREATE VIRTUAL TABLE idea_fts USING fts5(title, body, content='idea',"
    "  content_rowid='id', tokenize='" SCHEMA_FTS_TOKENIZE "',"
    "  prefix='2 3');"
    "CREATE TRIGGER idea_fts_ai AFTER INSERT ON idea BEGIN"
    "  INSERT INTO idea_fts(rowid, title, body)"
    "  VALUES (new.id, new.title, new.body);"
    "END;"
    "CREATE TRIGGER idea_fts_ad AFTER DELETE ON idea BEGIN"
    "  INSERT INTO idea_fts(idea_fts, rowid, title, body)"
    "  VALUES ('delete', old.id, old.title, old.body);"
    "END;"
    "CREATE TRIGGER idea_fts_au AFTER UPDATE OF title, body ON idea BEGIN"
    "  INSERT INTO idea_fts(idea_fts, rowid, title, body)"
    "  VALUES ('delete', old.id, old.title, old.body);"
    "  INSERT INTO idea_fts(rowid, title, body)"
    "  VALUES (new.id, new.title, new.body);"
    "END;"

    "CREATE TABLE vote ("
    "  id INTEGER PRIMARY KEY,"
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  participant_id INTEGER NOT NULL REFERENCES participant(id),"
    "  channel TEXT NOT NULL DEFAULT 'paper' CHECK (channel IN"
    "       ('paper','workshop','web','email','phone','other')),"
    "  voted_at TEXT NOT NULL,"
    "  batch_id INTEGER REFERENCES import_batch(id),"
    "  entered_at TEXT NOT NULL,"
    "  entered_by TEXT NOT NULL,"
    "  UNIQUE (idea_id, participant_id)"
    ") STRICT;"
    "CREATE INDEX vote_by_participant ON vote(participant_id, idea_id);"
    "CREATE INDEX vote_by_batch ON vote(batch_id) WHERE batch_id IS NOT NULL;"
    /* Votes per idea and channel without reading the votes (exports). */
    "CREATE INDEX vote_by_idea_channel ON vote(idea_id, channel);"

    "CREATE TABLE tally ("
    "  id INTEGER PRIMARY KEY,"
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  count INTEGER NOT NULL CHECK (count >= 0),"
    "  source TEXT NOT NULL CHECK (length(source) > 0),"
    "  source_key TEXT NOT NULL,"
    "  counted_at TEXT NOT NULL,"
    "  batch_id INTEGER REFERENCES import_batch(id),"
    "  entered_at TEXT NOT NULL,"
    "  entered_by TEXT NOT NULL,"
    "  UNIQUE (idea_id, source_key)"
    ") STRICT;"

    "CREATE TABLE comment ("
    "  id INTEGER PRIMARY KEY,"
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  participant_id INTEGER REFERENCES participant(id),"
    "  body TEXT NOT NULL CHECK (length(body) > 0),"
    "  created_at TEXT NOT NULL,"
    "  entered_by TEXT NOT NULL,"
    "  batch_id INTEGER REFERENCES import_batch(id),"
    "  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0,1)),"
    "  hidden_reason TEXT,"
    "  CHECK (hidden = 0 OR length(hidden_reason) > 0)"
    ") STRICT;"
    "CREATE INDEX comment_by_idea ON comment(idea_id, id);"
    "CREATE INDEX comment_by_participant ON comment(participant_id)"
    "  WHERE participant_id IS NOT NULL;"

    "CREATE TABLE tag ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) > 0),"
    /* util_fold(name): NOCASE folds ASCII only, and "Écologie" must be
     * the tag "écologie" */
    "  name_key TEXT NOT NULL UNIQUE"
    ") STRICT;"
    "CREATE TABLE idea_tag ("
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  tag_id INTEGER NOT NULL REFERENCES tag(id),"
    "  PRIMARY KEY (idea_id, tag_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE INDEX idea_tag_by_tag ON idea_tag(tag_id, idea_id);"

    /* Answer templates: per consultation, numbered 1 to 9 (the key that
     * picks one), with placeholders such as {title} filled per idea. */
    "CREATE TABLE answer_template ("
    "  id INTEGER PRIMARY KEY,"
    "  consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    "  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 9),"
    "  title TEXT NOT NULL CHECK (length(title) > 0),"
    "  body TEXT NOT NULL CHECK (length(body) > 0),"
    "  UNIQUE (consultation_id, number)"
    ") STRICT;"

    /* The journal. Rows are only ever added; the triggers below make
     * SQLite itself refuse any change, whoever asks. */
    "CREATE TABLE audit ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  actor TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  tbl TEXT NOT NULL,"
    "  row_id INTEGER,"
    "  idea_id INTEGER,"
    "  before TEXT CHECK (before IS NULL OR json_valid(before)),"
    "  after TEXT CHECK (after IS NULL OR json_valid(after)),"
    "  prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX audit_by_idea ON audit(idea_id) WHERE idea_id IS NOT NULL;"
    "CREATE INDEX audit_by_actor ON audit(actor, id);"
    "CREATE INDEX audit_by_time ON audit(at);"
    SCHEMA_AUDIT_NO_UPDATE ";"
    SCHEMA_AUDIT_NO_DELETE ";"
    SCHEMA_AUDIT_NO_REPLACE ";";

/*
 * Version 2: the figures of each theme, by kind, status and channel, kept
 * by triggers whatever writes the ideas (the core, an import, an undo):
 * the statistics, the theme lists and the consultation list read a few
 * rows here instead of every idea. A row that falls to no idea goes. The
 * ideas already there are counted once, here.
 */
static const char schema_v2[] =
    "CREATE TABLE idea_count ("
    "  theme_id INTEGER NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  channel TEXT NOT NULL,"
    "  ideas INTEGER NOT NULL CHECK (ideas >= 0),"
    "  votes INTEGER NOT NULL CHECK (votes >= 0),"
    "  tallies INTEGER NOT NULL CHECK (tallies >= 0),"
    "  PRIMARY KEY (theme_id, kind, status, channel)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TRIGGER idea_count_ai AFTER INSERT ON idea BEGIN"
    "  INSERT INTO idea_count VALUES (new.theme_id, new.kind, new.status,"
    "    new.channel, 1, new.votes, new.tallies)"
    "  ON CONFLICT DO UPDATE SET ideas = ideas + 1,"
    "    votes = votes + excluded.votes, tallies = tallies + excluded.tallies;"
    "END;"
    "CREATE TRIGGER idea_count_ad AFTER DELETE ON idea BEGIN"
    "  UPDATE idea_count SET ideas = ideas - 1, votes = votes - old.votes,"
    "    tallies = tallies - old.tallies"
    "  WHERE theme_id = old.theme_id AND kind = old.kind"
    "    AND status = old.status AND channel = old.channel;"
    "  DELETE FROM idea_count WHERE theme_id = old.theme_id"
    "    AND kind = old.kind AND status = old.status"
    "    AND channel = old.channel AND ideas = 0;"
    "END;"
    "CREATE TRIGGER idea_count_au AFTER UPDATE OF theme_id, kind, status,"
    "  channel, votes, tallies ON idea BEGIN"
    "  UPDATE idea_count SET ideas = ideas - 1, votes = votes - old.votes,"
    "    tallies = tallies - old.tallies"
    "  WHERE theme_id = old.theme_id AND kind = old.kind"
    "    AND status = old.status AND channel = old.channel;"
    "  DELETE FROM idea_count WHERE theme_id = old.theme_id"
    "    AND kind = old.kind AND status = old.status"
    "    AND channel = old.channel AND ideas = 0;"
    "  INSERT INTO idea_count VALUES (new.theme_id, new.kind, new.status,"
    "    new.channel, 1, new.votes, new.tallies)"
    "  ON CONFLICT DO UPDATE SET ideas = ideas + 1,"
    "    votes = votes + excluded.votes, tallies = tallies + excluded.tallies;"
    "END;"
    "INSERT INTO idea_count SELECT theme_id, kind, status, channel,"
    "  count(*), sum(votes), sum(tallies) FROM idea GROUP BY 1, 2, 3, 4;";

/*
 * Version 3: decisions on an idea are versioned and answers are history.
 *
 * idea.version grows by one with every decision made on the idea (status,
 * answer, merge, tag, theme, text, hiding), never with votes or tallies: a
 * screen or a script that decided on version N saves only while the idea is
 * still at N (lost updates between desks). idea_answer keeps every official
 * answer given, with its status, date and author; idea.answer stays the
 * current one. The answers already there become the first rows.
 */
static const char schema_v3[] =
    "ALTER TABLE idea ADD COLUMN version INTEGER NOT NULL DEFAULT 1"
    "  CHECK (version >= 1);"
    "CREATE TABLE idea_answer ("
    "  id INTEGER PRIMARY KEY,"
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  status TEXT NOT NULL CHECK (status IN ('accepted','rejected',"
    "       'implemented')),"
    "  answer TEXT NOT NULL CHECK (length(answer) > 0),"
    "  given_at TEXT NOT NULL,"
    "  given_by TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX idea_answer_by_idea ON idea_answer(idea_id, id);"
    "INSERT INTO idea_answer(idea_id, status, answer, given_at, given_by)"
    "  SELECT id, status, answer, status_changed_at, status_changed_by"
    "  FROM idea WHERE answer IS NOT NULL"
    "    AND status IN ('accepted','rejected','implemented')"
    "  ORDER BY id;";

/*
 * Version 4: who took part in each consultation, kept by triggers like
 * idea_count, so that the statistics read one row instead of asking every
 * participant whether they authored, voted or commented (a seek per person
 * and half a second warm, seconds cold, for a million ideas).
 *
 * participation holds, per person and consultation, how many ideas they
 * authored, votes they gave and comments they wrote there (a hidden
 * comment's author took part too; anonymous contributions have no one);
 * the row goes when it falls to none. consultation_count keeps, per
 * consultation, the number of those rows, how many of the people have no
 * email, and the comments not hidden. A person's email coming or going
 * moves them in the consultations they took part in. The rows already
 * there are counted once, here, before the triggers exist.
 */
#define PART_ADD(cons, person) \
    "  INSERT INTO participation VALUES (" person ", " cons ", 1)" \
    "  ON CONFLICT DO UPDATE SET contributions = contributions + 1;"
#define PART_DROP(cons, person) \
    "  DELETE FROM participation WHERE participant_id = " person \
    "    AND consultation_id = " cons " AND contributions = 1;" \
    "  UPDATE participation SET contributions = contributions - 1" \
    "  WHERE participant_id = " person " AND consultation_id = " cons ";"
#define IDEA_CONS(idea) "(SELECT consultation_id FROM idea WHERE id = " idea ")"

static const char schema_v4[] =
    "CREATE TABLE participation ("
    "  participant_id INTEGER NOT NULL,"
    "  consultation_id INTEGER NOT NULL,"
    "  contributions INTEGER NOT NULL CHECK (contributions > 0),"
    "  PRIMARY KEY (participant_id, consultation_id)"
    ") STRICT, WITHOUT ROWID;"
    "CREATE TABLE consultation_count ("
    "  consultation_id INTEGER PRIMARY KEY,"
    "  participants INTEGER NOT NULL CHECK (participants >= 0),"
    "  without_email INTEGER NOT NULL CHECK (without_email >= 0),"
    "  comments INTEGER NOT NULL CHECK (comments >= 0)"
    ") STRICT;"

    /* Read in index order, not by random reads of the wide idea table
     * (a vote's idea, an author's idea): authors from idea_by_theme (a
     * theme is in its ideas' consultation), votes from the ideas of
     * idea_by_status in id order and the vote index by idea. Minutes
     * less on millions of votes. */
    "INSERT INTO participation SELECT person, cons, count(*) FROM ("
    "  SELECT i.author_id AS person, t.consultation_id AS cons FROM theme t"
    "  CROSS JOIN idea i ON i.theme_id = t.id WHERE i.author_id IS NOT NULL"
    "  UNION ALL SELECT v.participant_id, i.consultation_id"
    "  FROM idea i INDEXED BY idea_by_status"
    "  CROSS JOIN vote v ON v.idea_id = i.id"
    "  UNION ALL SELECT m.participant_id, i.consultation_id FROM comment m"
    "  JOIN idea i ON i.id = m.idea_id WHERE m.participant_id IS NOT NULL)"
    " GROUP BY 1, 2;"
    "INSERT INTO consultation_count SELECT p.consultation_id, count(*),"
    "  sum(q.email IS NULL), 0 FROM participation p"
    "  JOIN participant q ON q.id = p.participant_id GROUP BY 1;"
    "INSERT INTO consultation_count SELECT i.consultation_id, 0, 0, count(*)"
    "  FROM comment m JOIN idea i ON i.id = m.idea_id WHERE m.hidden = 0"
    "  GROUP BY 1 ON CONFLICT DO UPDATE SET comments = excluded.comments;"

    /* A person counted in or out of a consultation. */
    "CREATE TRIGGER participation_ai AFTER INSERT ON participation BEGIN"
    "  INSERT INTO consultation_count VALUES (new.consultation_id, 1,"
    "    (SELECT email IS NULL FROM participant"
    "     WHERE id = new.participant_id), 0)"
    "  ON CONFLICT DO UPDATE SET participants = participants + 1,"
    "    without_email = without_email + excluded.without_email;"
    "END;"
    "CREATE TRIGGER participation_ad AFTER DELETE ON participation BEGIN"
    "  UPDATE consultation_count SET participants = participants - 1,"
    "    without_email = without_email - (SELECT email IS NULL"
    "      FROM participant WHERE id = old.participant_id)"
    "  WHERE consultation_id = old.consultation_id;"
    "END;"
    "CREATE TRIGGER participation_email AFTER UPDATE OF email ON participant"
    "  WHEN (old.email IS NULL) <> (new.email IS NULL) BEGIN"
    "  UPDATE consultation_count SET without_email = without_email"
    "    + CASE WHEN new.email IS NULL THEN 1 ELSE -1 END"
    "  WHERE consultation_id IN (SELECT consultation_id FROM participation"
    "    WHERE participant_id = new.id);"
    "END;"

    /* Authors. */
    "CREATE TRIGGER participation_idea_ai AFTER INSERT ON idea"
    "  WHEN new.author_id IS NOT NULL BEGIN"
    PART_ADD("new.consultation_id", "new.author_id")
    "END;"
    "CREATE TRIGGER participation_idea_ad AFTER DELETE ON idea"
    "  WHEN old.author_id IS NOT NULL BEGIN"
    PART_DROP("old.consultation_id", "old.author_id")
    "END;"
    "CREATE TRIGGER participation_idea_au AFTER UPDATE OF author_id,"
    "  consultation_id ON idea WHEN old.author_id IS NOT new.author_id"
    "  OR old.consultation_id <> new.consultation_id BEGIN"
    "  DELETE FROM participation WHERE old.author_id IS NOT NULL"
    "    AND participant_id = old.author_id"
    "    AND consultation_id = old.consultation_id AND contributions = 1;"
    "  UPDATE participation SET contributions = contributions - 1"
    "  WHERE old.author_id IS NOT NULL AND participant_id = old.author_id"
    "    AND consultation_id = old.consultation_id;"
    "  INSERT INTO participation SELECT new.author_id, new.consultation_id,"
    "    1 WHERE new.author_id IS NOT NULL"
    "  ON CONFLICT DO UPDATE SET contributions = contributions + 1;"
    "END;"

    /* Voters. */
    "CREATE TRIGGER participation_vote_ai AFTER INSERT ON vote BEGIN"
    PART_ADD(IDEA_CONS("new.idea_id"), "new.participant_id")
    "END;"
    "CREATE TRIGGER participation_vote_ad AFTER DELETE ON vote BEGIN"
    PART_DROP(IDEA_CONS("old.idea_id"), "old.participant_id")
    "END;"
    "CREATE TRIGGER participation_vote_au AFTER UPDATE OF idea_id,"
    "  participant_id ON vote BEGIN"
    PART_DROP(IDEA_CONS("old.idea_id"), "old.participant_id")
    PART_ADD(IDEA_CONS("new.idea_id"), "new.participant_id")
    "END;"

    /* Commenters, and the comments shown. */
    "CREATE TRIGGER participation_comment_ai AFTER INSERT ON comment BEGIN"
    "  INSERT INTO participation SELECT new.participant_id,"
    "    " IDEA_CONS("new.idea_id") ", 1 WHERE new.participant_id IS NOT NULL"
    "  ON CONFLICT DO UPDATE SET contributions = contributions + 1;"
    "  INSERT INTO consultation_count VALUES (" IDEA_CONS("new.idea_id") ","
    "    0, 0, new.hidden = 0)"
    "  ON CONFLICT DO UPDATE SET comments = comments + excluded.comments;"
    "END;"
    "CREATE TRIGGER participation_comment_ad AFTER DELETE ON comment BEGIN"
    "  DELETE FROM participation WHERE old.participant_id IS NOT NULL"
    "    AND participant_id = old.participant_id"
    "    AND consultation_id = " IDEA_CONS("old.idea_id")
    "    AND contributions = 1;"
    "  UPDATE participation SET contributions = contributions - 1"
    "  WHERE old.participant_id IS NOT NULL"
    "    AND participant_id = old.participant_id"
    "    AND consultation_id = " IDEA_CONS("old.idea_id") ";"
    "  UPDATE consultation_count SET comments = comments - (old.hidden = 0)"
    "  WHERE consultation_id = " IDEA_CONS("old.idea_id") ";"
    "END;"
    "CREATE TRIGGER participation_comment_au AFTER UPDATE OF idea_id,"
    "  participant_id, hidden ON comment BEGIN"
    "  DELETE FROM participation WHERE old.participant_id IS NOT NULL"
    "    AND participant_id = old.participant_id"
    "    AND consultation_id = " IDEA_CONS("old.idea_id")
    "    AND contributions = 1;"
    "  UPDATE participation SET contributions = contributions - 1"
    "  WHERE old.participant_id IS NOT NULL"
    "    AND participant_id = old.participant_id"
    "    AND consultation_id = " IDEA_CONS("old.idea_id") ";"
    "  UPDATE consultation_count SET comments = comments - (old.hidden = 0)"
    "  WHERE consultation_id = " IDEA_CONS("old.idea_id") ";"
    "  INSERT INTO participation SELECT new.participant_id,"
    "    " IDEA_CONS("new.idea_id") ", 1 WHERE new.participant_id IS NOT NULL"
    "  ON CONFLICT DO UPDATE SET contributions = contributions + 1;"
    "  INSERT INTO consultation_count VALUES (" IDEA_CONS("new.idea_id") ","
    "    0, 0, new.hidden = 0)"
    "  ON CONFLICT DO UPDATE SET comments = comments + excluded.comments;"
    "END;";

#undef PART_ADD
#undef PART_DROP
#undef IDEA_CONS

/*
 * Version 5: paper batches, double entry, phone numbers, and tally sheets
 * by session.
 *
 * paper_batch is an envelope or box of paper forms: its label, where it
 * was collected, the date, who keys it, the number of forms counted by
 * hand (expected), the fields its paper form has (a comma-separated list
 * of the idea record's field names, in the entry form's order) and the
 * prefix of its form references (B<id> unless given). A batch whose keyed
 * count differs from expected closes only with a reason.
 *
 * idea.paper_batch_id is the paper batch an idea was keyed (or imported)
 * into; idea.batch_id stays the import that made it (import undo).
 * idea.entry_check is NULL outside double-entry batches, else 'pending'
 * (keyed once), 'verified' (both entries agree) or 'disputed' (they differ
 * on a field not yet settled).
 *
 * paper_entry keeps what each agent keyed for a form of a double-entry
 * batch, as a JSON object of field name to text: pass 1 made the idea,
 * pass 2 is held here and never becomes an idea. Settled fields are in
 * resolved (a JSON object of field name to chosen text).
 *
 * tally.against counts the votes against, shown beside support and never
 * subtracted from it; a tally is one session of a source: the same source
 * on another date is another tally (the table is rebuilt to change its
 * unique key from (idea, source) to (idea, source, date)).
 */
static const char schema_v5[] =
    "CREATE TABLE paper_batch ("
    "  id INTEGER PRIMARY KEY,"
    "  consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    "  label TEXT NOT NULL CHECK (length(label) > 0),"
    "  point TEXT,"
    "  received_on TEXT NOT NULL,"
    "  keyer TEXT,"
    "  expected INTEGER NOT NULL CHECK (expected >= 0),"
    "  fields TEXT NOT NULL CHECK (length(fields) > 0),"
    "  prefix TEXT NOT NULL CHECK (length(prefix) BETWEEN 1 AND 16),"
    "  double_entry INTEGER NOT NULL DEFAULT 0"
    "       CHECK (double_entry IN (0,1)),"
    "  closed_at TEXT,"
    "  closed_by TEXT,"
    "  close_reason TEXT,"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL,"
    "  CHECK ((closed_at IS NULL) = (closed_by IS NULL))"
    ") STRICT;"
    "CREATE INDEX paper_batch_by_consultation ON paper_batch(consultation_id,"
    "  id);"

    /* No REFERENCES: a column with one cannot be dropped, and the tests
     * make older databases by dropping what later versions added; the
     * core writes only batches it found. */
    "ALTER TABLE idea ADD COLUMN paper_batch_id INTEGER;"
    "ALTER TABLE idea ADD COLUMN entry_check TEXT CHECK (entry_check IS NULL"
    "  OR entry_check IN ('pending','verified','disputed'));"
    "CREATE INDEX idea_by_paper_batch ON idea(paper_batch_id, id)"
    "  WHERE paper_batch_id IS NOT NULL;"

    "ALTER TABLE participant ADD COLUMN phone TEXT;"

    "CREATE TABLE paper_entry ("
    "  id INTEGER PRIMARY KEY,"
    "  batch_id INTEGER NOT NULL REFERENCES paper_batch(id),"
    "  form_ref TEXT NOT NULL CHECK (length(form_ref) > 0),"
    "  pass INTEGER NOT NULL CHECK (pass IN (1,2)),"
    "  idea_id INTEGER REFERENCES idea(id),"
    "  fields TEXT NOT NULL CHECK (json_valid(fields)),"
    "  resolved TEXT CHECK (resolved IS NULL OR json_valid(resolved)),"
    "  keyed_at TEXT NOT NULL,"
    "  keyed_by TEXT NOT NULL,"
    "  UNIQUE (batch_id, form_ref, pass)"
    ") STRICT;"
    "CREATE INDEX paper_entry_by_idea ON paper_entry(idea_id)"
    "  WHERE idea_id IS NOT NULL;"

    "CREATE TABLE tally_v5 ("
    "  id INTEGER PRIMARY KEY,"
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  count INTEGER NOT NULL CHECK (count >= 0),"
    "  against INTEGER NOT NULL DEFAULT 0 CHECK (against >= 0),"
    "  source TEXT NOT NULL CHECK (length(source) > 0),"
    "  source_key TEXT NOT NULL,"
    "  counted_at TEXT NOT NULL,"
    "  batch_id INTEGER REFERENCES import_batch(id),"
    "  entered_at TEXT NOT NULL,"
    "  entered_by TEXT NOT NULL"
    ") STRICT;"
    "INSERT INTO tally_v5(id, idea_id, count, source, source_key, counted_at,"
    "  batch_id, entered_at, entered_by)"
    "  SELECT id, idea_id, count, source, source_key, counted_at, batch_id,"
    "  entered_at, entered_by FROM tally ORDER BY id;"
    "DROP TABLE tally;"
    "ALTER TABLE tally_v5 RENAME TO tally;"
    "CREATE UNIQUE INDEX tally_session ON tally(idea_id, source_key,"
    "  substr(counted_at, 1, 10));"
    "CREATE INDEX tally_by_batch ON tally(batch_id)"
    "  WHERE batch_id IS NOT NULL;";

/*
 * Version 6: committee sessions and held answers.
 *
 * committee_session is one meeting of a consultation's steering committee,
 * CODIR or college: its date (a day), title and state (open until it is
 * closed, then never edited again); published_at is when its answers were
 * published (at the close itself when the consultation does not hold
 * answers). agenda_item is an idea put before a session, in order, with the
 * decision taken (accepted, rejected, implemented, postponed), its reason
 * and the official answer; carried_to is the session a postponed or
 * undecided item went on to. session_attendee lists who sat, with their
 * role, for the minutes.
 *
 * consultation.hold_answers keeps the answers given in that consultation
 * unpublished (idea_answer.published_at NULL) until an admin publishes
 * them; the answers already given count as published when they were given.
 * idea_answer.session_id is the session whose close gave the answer.
 *
 * No REFERENCES on the columns added to older tables: the tests make older
 * databases by dropping them, which SQLite refuses for a foreign key.
 */
static const char schema_v6[] =
    "CREATE TABLE committee_session ("
    "  id INTEGER PRIMARY KEY,"
    "  consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    "  body TEXT NOT NULL CHECK (body IN ('steering','codir','college')),"
    "  held_on TEXT NOT NULL CHECK (length(held_on) = 10),"
    "  title TEXT,"
    "  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')),"
    "  closed_at TEXT,"
    "  closed_by TEXT,"
    "  published_at TEXT,"
    "  published_by TEXT,"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL,"
    "  CHECK ((state = 'closed') = (closed_at IS NOT NULL)),"
    "  CHECK ((closed_at IS NULL) = (closed_by IS NULL)),"
    "  CHECK ((published_at IS NULL) = (published_by IS NULL))"
    ") STRICT;"
    "CREATE INDEX committee_session_by_body ON committee_session("
    "  consultation_id, body, held_on, id);"

    "CREATE TABLE agenda_item ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL REFERENCES committee_session(id),"
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  position INTEGER NOT NULL CHECK (position >= 1),"
    "  decision TEXT CHECK (decision IS NULL OR decision IN ('accepted',"
    "       'rejected','implemented','postponed')),"
    "  reason TEXT,"
    "  answer TEXT,"
    "  decided_at TEXT,"
    "  decided_by TEXT,"
    "  carried_to INTEGER REFERENCES committee_session(id),"
    "  UNIQUE (session_id, idea_id),"
    "  CHECK ((decision IS NULL) = (decided_at IS NULL)),"
    "  CHECK ((decided_at IS NULL) = (decided_by IS NULL)),"
    "  CHECK (decision IS NULL OR decision = 'postponed'"
    "         OR length(answer) > 0)"
    ") STRICT;"
    "CREATE INDEX agenda_item_by_idea ON agenda_item(idea_id);"

    "CREATE TABLE session_attendee ("
    "  id INTEGER PRIMARY KEY,"
    "  session_id INTEGER NOT NULL REFERENCES committee_session(id),"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  role TEXT NOT NULL DEFAULT ''"
    ") STRICT;"
    "CREATE INDEX session_attendee_by_session ON session_attendee("
    "  session_id, id);"

    "ALTER TABLE consultation ADD COLUMN hold_answers INTEGER NOT NULL"
    "  DEFAULT 0 CHECK (hold_answers IN (0,1));"
    "ALTER TABLE idea_answer ADD COLUMN published_at TEXT;"
    "ALTER TABLE idea_answer ADD COLUMN published_by TEXT;"
    "ALTER TABLE idea_answer ADD COLUMN session_id INTEGER;"
    "UPDATE idea_answer SET published_at = given_at,"
    "  published_by = given_by;"
    "CREATE INDEX idea_answer_by_session ON idea_answer(session_id)"
    "  WHERE session_id IS NOT NULL;";

/*
 * Version 7: what a participatory-budget file (.pb) brings beyond an idea
 * and a vote.
 *
 * idea_extra keeps the columns of a file that no field of an idea holds
 * (a project's cost, its district, whether it was selected...), by name
 * and in the file's order, so that `idea show` shows them. vote.points is
 * the points a ballot gave the idea (cumulative or scoring votes) or its
 * rank (ordinal votes), NULL for a plain vote. import_note keeps, with an
 * import batch, what the file said about itself (its format and META
 * lines), the warnings of the import (a project whose support differs
 * from the file's own count) and what it did not keep.
 */
static const char schema_v7[] =
    "CREATE TABLE idea_extra ("
    "  idea_id INTEGER NOT NULL REFERENCES idea(id),"
    "  position INTEGER NOT NULL CHECK (position >= 1),"
    "  name TEXT NOT NULL CHECK (length(name) > 0),"
    "  value TEXT NOT NULL,"
    "  PRIMARY KEY (idea_id, position)"
    ") STRICT, WITHOUT ROWID;"
    "ALTER TABLE vote ADD COLUMN points INTEGER"
    "  CHECK (points IS NULL OR points >= 0);"
    "CREATE TABLE import_note ("
    "  batch_id INTEGER NOT NULL REFERENCES import_batch(id),"
    "  position INTEGER NOT NULL CHECK (position >= 1),"
    "  kind TEXT NOT NULL CHECK (kind IN ('format','meta','warning',"
    "       'not_kept')),"
    "  text TEXT NOT NULL,"
    "  PRIMARY KEY (batch_id, position)"
    ") STRICT, WITHOUT ROWID;";

/*
 * Version 8: the journal covers the data and may be keyed.
 *
 * audit_row holds, for each journal row, a digest of every row of the
 * data it left (the row it names, and those a batch wrote under it):
 * `consult audit verify` recomputes the digests of the rows there now and
 * names each one that differs from what consult last wrote, that consult
 * never wrote, or that went without a deletion in the journal. A digest
 * is NULL when the write left no such row. audit.rows_hash is the SHA-256
 * of the journal row's entries, in (tbl, row_id) order, and is part of
 * the row's own hash. audit.format says how a row's hash was made: 1
 * before version 8 (no entries), 2 a SHA-256 with its entries, 3 an
 * HMAC-SHA-256 under the key kept beside the database (audit.c).
 * Rows are only ever added, as in the journal itself.
 */
static const char schema_v8[] =
    "ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1"
    "  CHECK (format IN (1,2,3));"
    "ALTER TABLE audit ADD COLUMN rows_hash TEXT;"
    "CREATE TABLE audit_row ("
    "  audit_id INTEGER NOT NULL,"
    "  tbl TEXT NOT NULL,"
    "  row_id INTEGER NOT NULL,"
    "  digest BLOB,"
    "  PRIMARY KEY (audit_id, tbl, row_id)"
    ") STRICT, WITHOUT ROWID;"
    SCHEMA_AUDIT_ROW_TRIGGERS;

/*
 * Version 9: a theme may be retired: kept for its ideas, offered for no
 * new one (the entry form's theme list, `theme list` without --all).
 * idea_by_text finds an idea of the same text in a theme (an import of
 * rows without form references skips those already there) by the
 * length of the text, without a copy of every text in an index.
 */
static const char schema_v9[] =
    "ALTER TABLE theme ADD COLUMN retired INTEGER NOT NULL DEFAULT 0"
    "  CHECK (retired IN (0,1));"
    "CREATE INDEX idea_by_text ON idea(theme_id, length(body));";

/*
 * Version 10: answering participants. A consultation's letters: their
 * language and the texts the admin writes (sender block, opening, closing,
 * signature), one row per consultation that has any; and the answered
 * log: each time an answer is prepared for a participant (a letter, a
 * mail-merge row), by which channel, for which session if any. The log
 * keeps its rows when a participant is anonymised: their row no longer
 * names anyone, so the log then says that someone was answered, not who.
 */
static const char schema_v10[] =
    "CREATE TABLE letter_setting ("
    "  consultation_id INTEGER PRIMARY KEY REFERENCES consultation(id),"
    "  language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr','en')),"
    "  sender TEXT NOT NULL DEFAULT '',"
    "  opening TEXT NOT NULL DEFAULT '',"
    "  closing TEXT NOT NULL DEFAULT '',"
    "  signature TEXT NOT NULL DEFAULT ''"
    ") STRICT;"
    "CREATE TABLE answer_sent ("
    "  id INTEGER PRIMARY KEY,"
    "  participant_id INTEGER REFERENCES participant(id),"
    "  consultation_id INTEGER NOT NULL REFERENCES consultation(id),"
    "  session_id INTEGER REFERENCES committee_session(id),"
    "  channel TEXT NOT NULL CHECK (channel IN ('email','post','internal')),"
    "  ideas INTEGER NOT NULL CHECK (ideas >= 1),"
    "  prepared_at TEXT NOT NULL,"
    "  prepared_by TEXT NOT NULL"
    ") STRICT;"
    "CREATE INDEX answer_sent_by_participant ON answer_sent(participant_id,"
    "  id);"
    "CREATE INDEX answer_sent_by_consultation ON answer_sent("
    "  consultation_id, participant_id);";

/*
 * Version 11: comments keep where they came from and their threads.
 *
 * comment.channel is how the comment came (as an idea's), comment.form_ref
 * the platform's or the form's reference of the comment ("consul:17092"),
 * which makes a second import of the same comment a duplicate, and
 * comment.parent_id the comment it answers (NULL for one on the idea
 * itself). No REFERENCES on the columns added: the tests make older
 * databases by dropping them, which SQLite refuses for a foreign key.
 */
static const char schema_v11[] =
    "ALTER TABLE comment ADD COLUMN channel TEXT NOT NULL DEFAULT 'paper'"
    "  CHECK (channel IN ('paper','workshop','web','email','phone','other'));"
    "ALTER TABLE comment ADD COLUMN form_ref TEXT;"
    "ALTER TABLE comment ADD COLUMN parent_id INTEGER;"
    "CREATE INDEX comment_by_form_ref ON comment(form_ref)"
    "  WHERE form_ref IS NOT NULL;"
    "CREATE INDEX comment_by_parent ON comment(parent_id)"
    "  WHERE parent_id IS NOT NULL;"
    /* A file of comments is an import batch of its own kind: the table
     * is made again with the kind allowed. The rows that name a batch
     * wait for it while it is away (deferred foreign keys): each batch
     * put back settles them. */
    "PRAGMA defer_foreign_keys = ON;"
    "CREATE TEMP TABLE import_batch_v10 AS SELECT * FROM import_batch;"
    "DROP TABLE import_batch;"
    "CREATE TABLE import_batch ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL CHECK (kind IN"
    "       ('ideas','votes','tallies','participants','comments')),"
    "  consultation_id INTEGER REFERENCES consultation(id),"
    "  file_name TEXT NOT NULL,"
    "  checksum TEXT NOT NULL,"
    "  rows_read INTEGER NOT NULL DEFAULT 0,"
    "  accepted INTEGER NOT NULL DEFAULT 0,"
    "  rejected INTEGER NOT NULL DEFAULT 0,"
    "  duplicates INTEGER NOT NULL DEFAULT 0,"
    "  imported_by TEXT NOT NULL,"
    "  imported_at TEXT NOT NULL,"
    "  undone_at TEXT,"
    "  undone_by TEXT"
    ") STRICT;"
    "INSERT INTO import_batch SELECT * FROM temp.import_batch_v10 ORDER BY id;"
    "DROP TABLE temp.import_batch_v10;"
    "CREATE INDEX import_batch_by_checksum ON import_batch(checksum);";

/*
 * Version 12: the database's id (meta key "database_id"), 32 random hex
 * digits, which every export's manifest names. A new database gets one
 * here as an upgraded one does; a copy of the file keeps it.
 */
static const char schema_v12[] =
    "INSERT OR IGNORE INTO meta(key, value)"
    "  VALUES ('database_id', lower(hex(randomblob(16))));";

/*
 * Version 13: the coordinator role. The user table is made again with the
 * role allowed (a CHECK cannot be altered); nothing references it.
 */
static const char schema_v13[] =
    "CREATE TEMP TABLE user_v12 AS SELECT * FROM user;"
    "DROP TABLE user;"
    "CREATE TABLE user ("
    "  id INTEGER PRIMARY KEY,"
    "  login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),"
    "  role TEXT NOT NULL"
    "       CHECK (role IN ('admin','coordinator','agent','viewer')),"
    "  created_at TEXT NOT NULL,"
    "  created_by TEXT NOT NULL"
    ") STRICT;"
    "INSERT INTO user SELECT * FROM temp.user_v12 ORDER BY id;"
    "DROP TABLE temp.user_v12;";

/*
 * Version 14: a consultation's retention, in months after its closing
 * date; NULL: its participants are kept until anonymised by hand.
 */
static const char schema_v14[] =
    "ALTER TABLE consultation ADD COLUMN retention_months INTEGER"
    "  CHECK (retention_months IS NULL"
    "         OR retention_months BETWEEN 1 AND 1200);";

static const char *const migrations[CS_SCHEMA_VERSION] = {
    schema_v1,
    schema_v2,
    schema_v3,
    schema_v4,
    schema_v5,
    schema_v6,
    schema_v7,
    schema_v8,
    schema_v9,
    schema_v10,
    schema_v11,
    schema_v12,
    schema_v13,
    schema_v14,
};

enum cs_rc
schema_migrate(struct cs_db *db, int from, struct cs_error *err)
{
    enum cs_rc rc;
    char pragma[64];

    for (int v = from; v < CS_SCHEMA_VERSION; v++) {
        if ((rc = db_exec(db, migrations[v], err)) != CS_OK)
            return rc;
    }
    /* PRAGMA values cannot be bound; these are our own integers. */
    snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d;",
             SCHEMA_APPLICATION_ID);
    if ((rc = db_exec(db, pragma, err)) != CS_OK)
        return rc;
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d;",
             CS_SCHEMA_VERSION);
    return db_exec(db, pragma, err);
}
