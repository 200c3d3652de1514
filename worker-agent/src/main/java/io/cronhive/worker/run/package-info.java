/** Accepting dispatched runs (once per run id, fenced by epoch, within capacity) and executing them by job type. */
package io.cronhive.worker.run;
