/** The Avatica Meta over the engine, shared by the embedded driver and the HTTP server. */
package dev.arrowtap.server.meta;
