/**
 * The cluster as the database sees it: this replica's row in the {@code masters} table (heartbeat, leader or
 * follower, current epoch) and the cluster's identity.
 */
package io.cronhive.master.cluster;
