-- An event's trainer assignment opens its registers, participants and certificates (canSeeEventRegister), and
-- only the trainer role may hold one: revokeRole takes the person off their events since bfd6e96 and assignTrainer
-- checks the role under the role row's lock. Revocations made before bfd6e96 left the assignments in place: they
-- are removed here, for every account that no longer holds the "formatore" role (ADR 0013 addendum). The role
-- revocation is already in the person's change log, the removal from each event is not written to the events' logs
-- (no actor, and no person's name is copied into the audit details by a migration).
DELETE FROM "EventTrainer"
WHERE NOT EXISTS (
  SELECT 1 FROM "UserRole" r WHERE r."userId" = "EventTrainer"."userId" AND r."role" = 'formatore'
);
