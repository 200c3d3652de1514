/** The scheduler cluster view: masters, their heartbeats, who holds the leader lease and who fires which partitions. */
package io.cronhive.admin.cluster;
