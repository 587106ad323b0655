-- SPDX-License-Identifier: EUPL-1.2
--
-- ideas-defer.sql: the plain SQL load of the benchmark's ideas file (staged
-- by bench-baseline --then into temp.load: c1 theme, c2 kind, c3 title, c4
-- text, c5 channel, c6 form number, c7 date, c8 employee number, c9 name,
-- c10 service, c11 email, c12 consent) into consult's own schema, its
-- triggers (full-text index, kept figures per theme, who took part) put
-- aside during the load and their work done once at the end, in the same
-- transaction.
-- No validation beyond what the schema enforces; the authors are added
-- once each, by reference, else by name and service.
DROP TRIGGER idea_fts_ai;
DROP TRIGGER idea_count_ai;
DROP TRIGGER participation_idea_ai;
CREATE TEMP TABLE now AS SELECT strftime('%Y-%m-%dT%H:%M:%fZ') AS t;

INSERT INTO participant(ref, name, name_key, service, service_key, email,
                        consent, channel, created_at, created_by)
SELECT c8, min(c9), lower(min(c9)), nullif(min(c10), ''),
       lower(min(c10)), max(nullif(c11, '')), max(c12 = 'oui'), 'paper',
       (SELECT t FROM temp.now), 'bench'
FROM temp.load WHERE c8 <> '' GROUP BY c8
ON CONFLICT (ref) DO NOTHING;

INSERT INTO participant(name, name_key, service, service_key, consent,
                        channel, created_at, created_by)
SELECT min(c9), lower(c9), nullif(min(c10), ''), lower(c10),
       max(c12 = 'oui'), 'paper', (SELECT t FROM temp.now), 'bench'
FROM temp.load WHERE c8 = '' AND c9 <> '' GROUP BY lower(c9), lower(c10);

INSERT INTO idea(consultation_id, theme_id, kind, title, body, author_id,
                 channel, form_ref, submitted_at, entered_at, entered_by,
                 status, status_changed_at, status_changed_by)
SELECT t.consultation_id, t.id,
       CASE lower(l.c2) WHEN 'constat' THEN 'finding' ELSE 'idea' END,
       CASE WHEN l.c3 <> '' THEN l.c3
            ELSE substr(replace(l.c4, char(13, 10), ' '), 1, 80) END,
       replace(l.c4, char(13, 10), char(10)),
       CASE WHEN l.c8 <> ''
            THEN (SELECT id FROM participant WHERE ref = l.c8)
            WHEN l.c9 <> ''
            THEN (SELECT id FROM participant WHERE name_key = lower(l.c9)
                  AND service_key = lower(l.c10)) END,
       CASE lower(l.c5) WHEN 'papier' THEN 'paper'
            WHEN 'atelier' THEN 'workshop' WHEN 'web' THEN 'web'
            WHEN 'courriel' THEN 'email' WHEN 'téléphone' THEN 'phone'
            ELSE 'other' END,
       l.c6,
       CASE WHEN l.c7 LIKE '__/__/____'
            THEN substr(l.c7, 7, 4) || '-' || substr(l.c7, 4, 2) || '-'
                 || substr(l.c7, 1, 2)
            ELSE l.c7 END,
       n.t, 'bench', 'new', n.t, 'bench'
FROM temp.load l JOIN temp.now n
JOIN theme t ON t.code = l.c1 OR t.title = l.c1
ORDER BY l.rowid;

INSERT INTO idea_fts(rowid, title, body) SELECT id, title, body FROM idea;
INSERT INTO idea_count
SELECT theme_id, kind, status, channel, count(*), sum(votes), sum(tallies)
FROM idea WHERE true GROUP BY theme_id, kind, status, channel
ON CONFLICT DO UPDATE SET ideas = ideas + excluded.ideas,
  votes = votes + excluded.votes, tallies = tallies + excluded.tallies;
INSERT INTO participation
SELECT author_id, consultation_id, count(*) FROM idea
WHERE author_id IS NOT NULL GROUP BY 1, 2
ON CONFLICT DO UPDATE
  SET contributions = contributions + excluded.contributions;

-- The triggers back, as src/core/schema.c defines them.
CREATE TRIGGER idea_fts_ai AFTER INSERT ON idea BEGIN
  INSERT INTO idea_fts(rowid, title, body)
  VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER idea_count_ai AFTER INSERT ON idea BEGIN
  INSERT INTO idea_count VALUES (new.theme_id, new.kind, new.status,
    new.channel, 1, new.votes, new.tallies)
  ON CONFLICT DO UPDATE SET ideas = ideas + 1,
    votes = votes + excluded.votes, tallies = tallies + excluded.tallies;
END;
CREATE TRIGGER participation_idea_ai AFTER INSERT ON idea
  WHEN new.author_id IS NOT NULL BEGIN
  INSERT INTO participation VALUES (new.author_id, new.consultation_id, 1)
  ON CONFLICT DO UPDATE SET contributions = contributions + 1;
END;
