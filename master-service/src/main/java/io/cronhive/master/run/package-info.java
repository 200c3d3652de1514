/** Run lifecycle in {@code run_logs}: dispatch bookkeeping, worker reports, retries, timeouts and kills. */
package io.cronhive.master.run;
