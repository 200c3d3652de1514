/** The scheduler cluster view: masters, their heartbeats and who holds the leader lease. */
package io.cronhive.admin.cluster;
