DROP TABLE client_members;
DROP TABLE clients;
