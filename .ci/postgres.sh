# Starts a throwaway PostgreSQL cluster (Debian's postgresql) on 127.0.0.1 and exports its URLs.
# Sourced by .ci/run; usable by hand: `source .ci/postgres.sh && start_postgres`.
start_postgres() {
  local port=${PGPORT_TEST:-54329}
  PG_BIN_TEST=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PGDATA_TEST=$(mktemp -d /tmp/deploy-gates-pg.XXXXXX)
  chown postgres "$PGDATA_TEST"
  su postgres -s /bin/sh -c "$PG_BIN_TEST/initdb -D $PGDATA_TEST -A trust -U postgres >/dev/null"
  su postgres -s /bin/sh -c "$PG_BIN_TEST/pg_ctl -D $PGDATA_TEST -l $PGDATA_TEST/log -w -o '-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start >/dev/null"
  export DEPLOY_GATES_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  trap 'su postgres -s /bin/sh -c "$PG_BIN_TEST/pg_ctl -D $PGDATA_TEST -m immediate stop >/dev/null" || true' EXIT
  echo "PostgreSQL $("$PG_BIN_TEST/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}
