#!/bin/sh
# Runs once in the temporalio/admin-tools image (service `temporal-admin-tools` in docker-compose.yml):
# waits for the Temporal server, creates the namespace if the server has not got it, and registers the
# project's custom search attributes. Every step is idempotent, so it runs again on every `docker compose up`.
#
# Follows temporalio/samples-server compose/scripts/create-namespace.sh (wait with `temporal operator
# cluster health`, then `namespace describe || namespace create`); the search attributes use
# `temporal operator search-attribute create`, which skips an attribute that already exists with the same
# type and fails on a type clash (checked with Temporal CLI 1.9.1).
set -eu

NAMESPACE="${NAMESPACE:-default}"
NAMESPACE_RETENTION="${NAMESPACE_RETENTION:-30d}"
TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"

# Keep in sync with workflows/search-attributes.ts (the worker also registers them at start-up).
SEARCH_ATTRIBUTES="
DossierStatus Keyword
DossierState Keyword
DossierStep Keyword
DossierDivision Keyword
DossierProcedure Keyword
DossierTenant Keyword
DossierAppointment Datetime
DossierStepDeadline Datetime
DossierOverdue Bool
"

# The samples resolve the host to an IPv4 address first, to work around a gRPC resolution problem in
# Docker networks; fall back to the name when getent is not there.
host="${TEMPORAL_ADDRESS%:*}"
port="${TEMPORAL_ADDRESS##*:}"
ip="$(getent ahosts "$host" 2>/dev/null | awk '/STREAM/ && $1 ~ /^[0-9.]+$/ { print $1; exit }' || true)"
address="${ip:-$host}:${port}"

retry() { # retry <attempts> <command...>: namespace creation takes a few seconds to reach every service
  attempts="$1"; shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$attempts" ]; then
      echo "gave up after $attempts attempts: $*" >&2
      return 1
    fi
    n=$((n + 1))
    sleep 2
  done
}

echo "Waiting for Temporal at $TEMPORAL_ADDRESS ($address)..."
retry 90 temporal operator cluster health --address "$address" >/dev/null

if temporal operator namespace describe --namespace "$NAMESPACE" --address "$address" >/dev/null 2>&1; then
  echo "Namespace '$NAMESPACE' already exists."
else
  echo "Creating namespace '$NAMESPACE' (retention $NAMESPACE_RETENTION)..."
  temporal operator namespace create --namespace "$NAMESPACE" --retention "$NAMESPACE_RETENTION" --address "$address"
fi

set --
while read -r name type; do
  [ -n "$name" ] && set -- "$@" --name "$name" --type "$type"
done <<LIST
$SEARCH_ATTRIBUTES
LIST

echo "Registering search attributes on '$NAMESPACE'..."
retry 30 temporal operator search-attribute create --namespace "$NAMESPACE" --address "$address" "$@"
temporal operator search-attribute list --namespace "$NAMESPACE" --address "$address"
echo "Temporal namespace '$NAMESPACE' is ready."
