/** Start and stop scheduling of job batches, atomically and idempotently. */
package io.cronhive.admin.scheduling;
