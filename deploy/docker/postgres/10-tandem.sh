# Sourced (not executed: keep it non-executable, so that it sees the entrypoint's variables) by the postgres:17
# image's entrypoint on the first start; psql connects as the superuser to POSTGRES_DB (shop) over the local socket.
# tandem's login owns the database's new schemas and tables (README: the PostgreSQL account needs CREATE on the
# database); the way back needs REPLICATION and the replication origin functions (README: The way back, Privileges).
# `shop` is the application's role (cutover.target-app-roles): an ordinary role, with no writes until the cutover.
psql --variable=ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     --set=pw="$(cat /run/secrets/pg-password)" <<'SQL'
CREATE ROLE tandem LOGIN REPLICATION PASSWORD :'pw';
GRANT CREATE ON DATABASE shop TO tandem;
GRANT EXECUTE ON FUNCTION pg_replication_origin_session_setup(text),
                          pg_replication_origin_session_reset(),
                          pg_replication_origin_create(text) TO tandem;
CREATE ROLE shop NOLOGIN;
SQL
