/** How the scheduler's partitions are shared out among the live masters: the assignment the coordinator writes. */
package io.cronhive.master.share;
