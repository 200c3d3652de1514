/**
 * The console's landing page figures: runs per minute by result, trigger lateness, missed fires, workers online
 * and the last failures, aggregated over {@code run_logs} in the database.
 */
package io.cronhive.admin.dashboard;
