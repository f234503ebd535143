/** The HTTP endpoint: Avatica over Jetty, bound to loopback unless told otherwise, and health. */
package dev.arrowtap.server.http;
