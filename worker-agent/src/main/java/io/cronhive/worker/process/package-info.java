/** Starting job processes in their own session and killing their whole tree, orphans included. */
package io.cronhive.worker.process;
