/**
 * Remote sessions (SES-1…SES-6): an operator opens one to a computer, the relay pairs the console with the computer's
 * agent, and what happens in it is kept with the session.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.sessions.api;
