/** Logging that stays readable, and cheap, when one failure repeats thousands of times a second. */
package io.cronhive.common.log;
