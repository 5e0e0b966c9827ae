/**
 * Several portal nodes on one database. Each node registers itself and keeps a heartbeat in {@code portal_node}
 * (in the database's time, so the nodes' clocks never disagree); scheduled work that must happen once per tick is
 * claimed in {@code sweep_tick} by the first node to insert the tick's row; work a node started (an action run, an
 * evidence pack) names the node, and once the node's heartbeat stops, another node marks that work interrupted.
 * Work made of many claimable items (alert deliveries, queued runs) is claimed item by item in the database by
 * whichever node gets to it first; an outbox message's claim is also tied to its node's heartbeat
 * ({@link Claims#nodeGone}), so a dead node's messages are taken over at once.
 */
package com.attest.platform.cluster;
