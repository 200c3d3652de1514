/** This replica's row in the {@code masters} table: heartbeat, leader or follower, current epoch. */
package io.cronhive.master.cluster;
