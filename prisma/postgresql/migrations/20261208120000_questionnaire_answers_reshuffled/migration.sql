-- ADR 0009, addendum of 07/12/2026: an answer stored before each answer was shuffled in on insert sits in the row of
-- its submission's turn (the heap follows the submissions, and each row carries the xmin of its submission's
-- transaction), so whoever reads both tables can pair them. Once: every edition's answers (answers, comment, day)
-- dealt again among its rows in a random order (ORDER BY random() within the edition), each row keeping its id and
-- edition. One statement: every row then carries this migration's xmin.
UPDATE "QuestionnaireResponse" AS r
   SET "answers" = s."answers", "comment" = s."comment", "submittedOn" = s."submittedOn"
  FROM (
    SELECT slot."id" AS "target", dealt."answers", dealt."comment", dealt."submittedOn"
      FROM (SELECT "id", "editionId", row_number() OVER (PARTITION BY "editionId" ORDER BY "id") AS "n"
              FROM "QuestionnaireResponse") AS slot
      JOIN (SELECT "editionId", "answers", "comment", "submittedOn",
                   row_number() OVER (PARTITION BY "editionId" ORDER BY random()) AS "n"
              FROM "QuestionnaireResponse") AS dealt
        ON dealt."editionId" = slot."editionId" AND dealt."n" = slot."n"
  ) AS s
 WHERE r."id" = s."target";
