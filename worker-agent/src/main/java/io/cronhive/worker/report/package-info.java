/** The no-lost-result path: an fsynced on-disk spool of run reports and their delivery to any master. */
package io.cronhive.worker.report;
