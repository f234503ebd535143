/**
 * Types every layer shares and that depend on no other arrowtap package: the error with its
 * SQLState, the SQLState codes, a session's typed settings and the metadata-listing scope.
 */
package dev.arrowtap.common;
