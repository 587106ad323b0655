-- SPDX-License-Identifier: EUPL-1.2
--
-- journal.sql: what consult's journal records of an import (src/core/
-- audit.c), run after ideas*.sql or votes*.sql in the same transaction:
-- one journal row's rows, the keyed digest of every row the load wrote
-- (the ideas, votes and people entered at temp.now's time), with the
-- columns consult's journal covers, then the digest of them all, read back
-- in (table, row) order. The journal row itself and its chain are left
-- out (one row).
-- (A plain load adds no journal row: the next number past both tables.)
CREATE TEMP TABLE j AS
SELECT max((SELECT coalesce(max(id), 0) FROM audit),
           (SELECT coalesce(max(audit_id), 0) FROM audit_row)) + 1 AS id;

INSERT INTO audit_row(audit_id, tbl, row_id, digest)
SELECT (SELECT id FROM temp.j), 'idea', id,
       consult_digest(consultation_id, theme_id, kind, title, body,
                      author_id, channel, form_ref, batch_id, submitted_at,
                      entered_at, entered_by, status, status_before,
                      status_changed_at, status_changed_by, answer,
                      merged_into, hidden_reason, paper_batch_id,
                      entry_check)
FROM idea WHERE entered_at = (SELECT t FROM temp.now) ORDER BY id;

INSERT INTO audit_row(audit_id, tbl, row_id, digest)
SELECT (SELECT id FROM temp.j), 'participant', id,
       consult_digest(ref, name, name_key, service, service_key, email,
                      postal, phone, consent, channel, anonymised, batch_id,
                      created_at, created_by)
FROM participant WHERE created_at = (SELECT t FROM temp.now) ORDER BY id;

INSERT INTO audit_row(audit_id, tbl, row_id, digest)
SELECT (SELECT id FROM temp.j), 'vote', id,
       consult_digest(idea_id, participant_id, channel, voted_at, batch_id,
                      entered_at, entered_by)
FROM vote WHERE entered_at = (SELECT t FROM temp.now) ORDER BY id;

SELECT bench_rows_hash(tbl, row_id, digest) FROM audit_row
WHERE audit_id = (SELECT id FROM temp.j);
