/** Run output: capped capture for reports, full per-run log files for tailing, and their retention. */
package io.cronhive.worker.output;
