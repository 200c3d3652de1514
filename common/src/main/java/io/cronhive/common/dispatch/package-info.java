/** The master-worker protocol: paths, the dispatched run, its report, kill and output requests. */
package io.cronhive.common.dispatch;
