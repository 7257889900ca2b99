-- Issue 14: what a decision's majority is counted against and the least turnout it needs,
-- taken from the charter when the decision is proposed (like its quorum and threshold).
-- Decisions proposed before keep the old counting: a majority of the yes and no votes cast.
ALTER TABLE decisions
  ADD COLUMN majority_base text NOT NULL DEFAULT 'votes_cast' CHECK (majority_base IN ('votes_cast', 'present', 'electorate')),
  ADD COLUMN min_turnout_bp integer CHECK (min_turnout_bp BETWEEN 1 AND 10000);
