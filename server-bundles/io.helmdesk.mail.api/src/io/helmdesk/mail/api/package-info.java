/** E-mail to people: account passwords, recovery links, codes. */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.mail.api;
