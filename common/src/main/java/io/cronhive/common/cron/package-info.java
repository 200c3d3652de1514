/** The one cron wrapper: Quartz and Unix dialects, per-job time zones, next fire times. */
package io.cronhive.common.cron;
