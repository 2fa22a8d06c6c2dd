COMMENT ON TABLE users IS 'Utilisateurs — clients enregistrés';
/* café */ ALTER TABLE "usérs" DROP COLUMN "prénom";
