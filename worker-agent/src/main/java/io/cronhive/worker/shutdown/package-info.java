/** Graceful shutdown: leave the registry, refuse new runs, let running ones finish, then kill and report them. */
package io.cronhive.worker.shutdown;
