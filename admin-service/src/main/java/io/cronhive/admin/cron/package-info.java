/** The cron preview endpoint, a thin face over the common cron wrapper. */
package io.cronhive.admin.cron;
