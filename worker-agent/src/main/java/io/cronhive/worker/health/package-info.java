/** The agent's watchdog: a dead critical thread or an Error turns health DOWN and restarts the agent. */
package io.cronhive.worker.health;
