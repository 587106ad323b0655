-- SPDX-License-Identifier: EUPL-1.2
--
-- votes-defer.sql: the plain SQL load of the benchmark's votes file (staged by
-- bench-baseline --then into temp.load: c1 idea form number, c2 employee
-- number, c3 name, c4 service, c5 date, c6 channel) into consult's own
-- schema, after the ideas: the voters added once each (by reference, else
-- by name and service), each pair (idea, voter) once, and the ideas' kept
-- counts (votes, support) raised once per idea; the kept figures per theme
-- (idea_count) summed once at the end, its update trigger put aside, and
-- who took part (participation) added once, its vote trigger put aside.
DROP TRIGGER idea_count_au;
DROP TRIGGER participation_vote_ai;
CREATE TEMP TABLE now AS SELECT strftime('%Y-%m-%dT%H:%M:%fZ') AS t;

INSERT INTO participant(ref, name, name_key, service, service_key, channel,
                        created_at, created_by)
SELECT c2, nullif(min(c3), ''), lower(nullif(min(c3), '')),
       nullif(min(c4), ''), lower(min(c4)), 'web',
       (SELECT t FROM temp.now), 'bench'
FROM temp.load WHERE c2 <> '' GROUP BY c2
ON CONFLICT (ref) DO NOTHING;

INSERT INTO participant(name, name_key, service, service_key, channel,
                        created_at, created_by)
SELECT min(c3), lower(c3), nullif(min(c4), ''), lower(c4), 'web',
       (SELECT t FROM temp.now), 'bench'
FROM temp.load l WHERE c2 = '' AND c3 <> ''
AND NOT EXISTS (SELECT 1 FROM participant p WHERE p.name_key = lower(l.c3)
                AND p.service_key = lower(l.c4))
GROUP BY lower(c3), lower(c4);

-- In the order of the pair's unique index: each insert finds its place
-- where the last one left off.
INSERT INTO vote(idea_id, participant_id, channel, voted_at, entered_at,
                 entered_by)
SELECT idea_id, participant_id, channel, voted_at, t, 'bench'
FROM (SELECT i.id AS idea_id,
             CASE WHEN l.c2 <> ''
                  THEN (SELECT id FROM participant WHERE ref = l.c2)
                  ELSE (SELECT id FROM participant
                        WHERE name_key = lower(l.c3)
                        AND service_key = lower(l.c4)) END AS participant_id,
             l.c6 AS channel, l.c5 AS voted_at, l.rowid AS r
      FROM temp.load l
      JOIN idea i ON i.consultation_id = 1 AND i.form_ref = l.c1)
JOIN temp.now
WHERE true ORDER BY idea_id, participant_id, r
ON CONFLICT (idea_id, participant_id) DO NOTHING;

UPDATE idea SET votes = votes + c.n, support = support + c.n
FROM (SELECT idea_id, count(*) AS n FROM vote
      WHERE entered_at = (SELECT t FROM temp.now) GROUP BY idea_id) AS c
WHERE idea.id = c.idea_id;

UPDATE idea_count SET votes = c.v
FROM (SELECT theme_id, kind, status, channel, sum(votes) AS v FROM idea
      GROUP BY theme_id, kind, status, channel) AS c
WHERE idea_count.theme_id = c.theme_id AND idea_count.kind = c.kind
AND idea_count.status = c.status AND idea_count.channel = c.channel;

INSERT INTO participation
SELECT v.participant_id, i.consultation_id, count(*)
FROM vote v JOIN idea i ON i.id = v.idea_id
WHERE v.entered_at = (SELECT t FROM temp.now) GROUP BY 1, 2
ON CONFLICT DO UPDATE
  SET contributions = contributions + excluded.contributions;

-- The triggers back, as src/core/schema.c defines them.
CREATE TRIGGER idea_count_au AFTER UPDATE OF theme_id, kind, status,
  channel, votes, tallies ON idea BEGIN
  UPDATE idea_count SET ideas = ideas - 1, votes = votes - old.votes,
    tallies = tallies - old.tallies
  WHERE theme_id = old.theme_id AND kind = old.kind
    AND status = old.status AND channel = old.channel;
  DELETE FROM idea_count WHERE theme_id = old.theme_id
    AND kind = old.kind AND status = old.status
    AND channel = old.channel AND ideas = 0;
  INSERT INTO idea_count VALUES (new.theme_id, new.kind, new.status,
    new.channel, 1, new.votes, new.tallies)
  ON CONFLICT DO UPDATE SET ideas = ideas + 1,
    votes = votes + excluded.votes, tallies = tallies + excluded.tallies;
END;
CREATE TRIGGER participation_vote_ai AFTER INSERT ON vote BEGIN
  INSERT INTO participation VALUES (new.participant_id,
    (SELECT consultation_id FROM idea WHERE id = new.idea_id), 1)
  ON CONFLICT DO UPDATE SET contributions = contributions + 1;
END;
