-- Schema 5: the anonymised statistics (issue 6). Interventions counted by kind over a period
-- read this index alone, in kind order (no sort, no table row): about 0.1 s for a million
-- interventions instead of 1.2 s through the table (stats_repo keeps interventions_date out
-- of that query with "+on_date").
CREATE INDEX interventions_kind_date ON interventions(kind_code, on_date);
