/** master-service: the leader-elected scheduler that fires cron slots and dispatches runs to workers. */
package io.cronhive.master;
