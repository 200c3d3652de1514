/** The worker agent: executes runs dispatched by the master and reports their results. */
package io.cronhive.worker;
