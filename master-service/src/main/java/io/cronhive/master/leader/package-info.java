/** The leader lease in the database, its fencing epoch, and the loop that acquires, renews and loses it. */
package io.cronhive.master.leader;
