/** Job vocabulary shared by every service: job types, run states and outcomes with their seed wire codes. */
package io.cronhive.common.job;
