-- Aid above the charter's threshold is decided by the members (issue 18, item 5; decision 0160):
-- the application names the governance decision it was referred to and the amount put to the vote.
ALTER TABLE care_applications ADD COLUMN members_decision_id uuid;
ALTER TABLE care_applications ADD COLUMN members_amount bigint CHECK (members_amount > 0);
ALTER TABLE care_applications ADD CONSTRAINT care_applications_members_decision_fk FOREIGN KEY (coop_id, members_decision_id) REFERENCES decisions(coop_id, id);
ALTER TABLE care_applications ADD CONSTRAINT care_applications_members_decision_key UNIQUE (coop_id, members_decision_id);
