/**
 * Partitioned firing: every master holds a share of the job partitions under leases and epochs of their own,
 * the leader assigns the shares over the live masters, and the fences that make a slot's claim and send
 * belong to whoever holds the job's partition.
 */
package io.cronhive.master.share;
