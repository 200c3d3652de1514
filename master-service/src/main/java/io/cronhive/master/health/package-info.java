/** The master's watchdog: a stopped lease, planning or supervision round, or an Error, restarts the master. */
package io.cronhive.master.health;
