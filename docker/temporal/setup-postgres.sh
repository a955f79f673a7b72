#!/bin/sh
# Runs once in the temporalio/admin-tools image (service `temporal-schema` in docker-compose.yml), before the
# Temporal server starts: creates Temporal's two databases and brings their schemas to the version shipped
# with this admin-tools release. It is how temporalio/samples-server sets up PostgreSQL since the
# auto-setup image was deprecated (compose/scripts/setup-postgres.sh), parameterised by environment.
#
# Safe to run on every start, and it is also the upgrade step: `create` ignores an existing database,
# `setup-schema -v 0.0` leaves a database whose version is already above 0.0 alone, and `update-schema`
# applies only the versioned migrations that are missing (temporalio/temporal tools/common/schema,
# common/persistence/sql/sqlplugin/postgresql/admin.go). Keep admin-tools and server on the same version.
set -eu

: "${POSTGRES_SEEDS:=postgresql}"
: "${DB_PORT:=5432}"
: "${POSTGRES_USER:?POSTGRES_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required (read by temporal-sql-tool)}"
: "${DBNAME:=temporal}"
: "${VISIBILITY_DBNAME:=temporal_visibility}"
SCHEMA_DIR=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "$DB_PORT" "$@"
}

setup() { # setup <database> <schema sub-directory>
  sql_tool --db "$1" create
  sql_tool --db "$1" setup-schema -v 0.0
  sql_tool --db "$1" update-schema -d "$SCHEMA_DIR/$2/versioned"
}

echo "Waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT..."
until nc -z -w 5 "$POSTGRES_SEEDS" "$DB_PORT"; do sleep 1; done

setup "$DBNAME" temporal
setup "$VISIBILITY_DBNAME" visibility
echo "Temporal PostgreSQL schemas are up to date."
