DROP TABLE staff_invitations;
-- Accounts of the `staff` role cannot stay: they are kept, deactivated, as admins to be reviewed.
UPDATE users SET role = 'admin', is_active = false WHERE role = 'staff';
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'client'));
