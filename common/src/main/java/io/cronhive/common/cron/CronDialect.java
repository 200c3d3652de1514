package io.cronhive.common.cron;

/** Which cron language an expression is written in, told apart by its field count. */
public enum CronDialect {

	/** Quartz-style: seconds first, 6 or 7 fields, {@code ?}, {@code L}, {@code W}, {@code #}. */
	QUARTZ,

	/** crontab(5): 5 fields, minute first; day-of-month and day-of-week OR-ed when both are restricted. */
	UNIX

}
