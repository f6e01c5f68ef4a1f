/**
 * The computers of a Helmdesk server: devices whose agent enrolled with an account, their live status, settings,
 * previews and system information, and the tokens that let agents enroll on their own.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.devices.api;
