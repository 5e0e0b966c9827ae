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
# The JVM's options: jvm.options (why each: see there), then ATTEST_JVM_OPTIONS (split on spaces, never expanded as
# file names), the later winning: "-XX:TieredStopAtLevel=4 -XX:-UseSerialGC -XX:+UseG1GC" gives the JVM's defaults back.
set -f
# shellcheck disable=SC2086
exec java @jvm.options ${ATTEST_JVM_OPTIONS:-} -jar payara-micro.jar --deploy attest.war --contextroot / --port 8080 "$@"
