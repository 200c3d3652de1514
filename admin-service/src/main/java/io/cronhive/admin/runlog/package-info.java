/** Run logs: the history of every run, manual runs and kill requests. */
package io.cronhive.admin.runlog;
