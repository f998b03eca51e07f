DROP TABLE reconciliation_lines;
DROP TABLE reconciliations;
