/** Alerting: channels and rules, the evaluator that opens and resolves incidents from run rows, and the outbox sender. */
package io.cronhive.admin.alert;
