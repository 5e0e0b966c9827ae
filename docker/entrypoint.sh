#!/bin/sh
# Starts the portal on Payara Micro. ATTEST_CLUSTER_MEMBERS (host:port of every node's data grid, comma-separated,
# e.g. "portal-1:5900,portal-2:5900") makes this node a member of a cluster with the others named there: shared web
# sessions, found over TCP/IP (multicast off); ATTEST_CLUSTER_NAME names the cluster. Unset: the node runs alone.
set -eu
if [ -n "${ATTEST_CLUSTER_MEMBERS:-}" ]; then
    set -- --clustermode "tcpip:${ATTEST_CLUSTER_MEMBERS}" --clustername "${ATTEST_CLUSTER_NAME:-attest}" \
        --startport "${ATTEST_CLUSTER_PORT:-5900}" --hzpublicaddress "$(hostname):${ATTEST_CLUSTER_PORT:-5900}" "$@"
else
    # alone: sessions stay in memory instead of being serialized into the data grid on every request
    set -- --nocluster --postbootcommandfile single-node.asadmin "$@"
fi
# The JVM's options: jvm.options (why each: see there), or ATTEST_JVM_OPTIONS in their place (split on spaces).
jvm="${ATTEST_JVM_OPTIONS:-@jvm.options}"
# shellcheck disable=SC2086
exec java $jvm -jar payara-micro.jar --deploy attest.war --contextroot / --port 8080 "$@"
