DROP TABLE settings;
DROP TABLE line_items;
DROP TABLE invoices;
DROP TABLE quotes;
DROP TABLE number_sequences;
DROP TABLE documents;
ALTER TABLE clients DROP COLUMN language;
