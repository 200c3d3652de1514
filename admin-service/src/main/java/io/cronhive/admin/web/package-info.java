/** Web plumbing shared by the controllers: RFC 9457 problems, API exceptions and paging. */
package io.cronhive.admin.web;
