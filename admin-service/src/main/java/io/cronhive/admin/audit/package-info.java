/** The audit trail: who changed what and when, recorded for every successful write and listed for admins. */
package io.cronhive.admin.audit;
