/**
 * Who may subscribe to and publish on which topics. {@link io.herald.security.AccessPolicy} is the
 * one place every transport and the EE API ask; until authentication lands it allows everything.
 */
package io.herald.security;
