/** Fire-time planning: schedules to slots, claims ahead of time, millisecond timers, misfire and recovery. */
package io.cronhive.master.trigger;
