package io.helmdesk.transport.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PKCS12 file that keeps the server's key and certificate. It is protected by its file mode (owner only, 0600),
 * like an SSH host key: a password stored next to it would add nothing. It is written to a temporary file first and
 * moved into place, so that a crash never leaves a half-written identity.
 */
public final class IdentityFile {

    /** The key entry's alias. */
    public static final String ALIAS = "helmdesk-server";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Logger logger = LoggerFactory.getLogger(IdentityFile.class);
    private final Path file;

    public IdentityFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** The password of the file and of its key entry: empty, the file mode protects the key. */
    public static char[] password() {
        return new char[0];
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** A key store holding the key and certificate under {@link #ALIAS}. */
    public static KeyStore keyStore(SelfSignedCertificate identity) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, identity.privateKey(), password(), new Certificate[]{identity.certificate()});
            return store;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot build the server's key store: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the identity; a file others may read is restricted to its owner first.
     *
     * @throws IOException when the file is not a PKCS12 store with a key entry under {@link #ALIAS}
     */
    public KeyStore load() throws IOException {
        restrictPermissions();
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password());
        } catch (GeneralSecurityException | IOException e) {
            throw unusable(e.getMessage(), e);
        }
        try {
            if (!store.isKeyEntry(ALIAS) || !(store.getCertificate(ALIAS) instanceof X509Certificate)) {
                throw unusable("it holds no key entry '" + ALIAS + "'", null);
            }
        } catch (GeneralSecurityException e) {
            throw unusable(e.getMessage(), e);
        }
        return store;
    }

    /**
     * Writes the store with mode 0600.
     *
     * @throws FileAlreadyExistsException when the file appeared meanwhile: an identity is never replaced
     */
    public void save(KeyStore store) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        boolean posix = Files.getFileAttributeView(folder, PosixFileAttributeView.class) != null;
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                store.store(out, password());
                out.flush();
                channel.force(true);
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot write the server identity " + file + ": " + e.getMessage(), e);
            }
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileAlreadyExistsException(file.toString(), null,
                        "another process created the server identity meanwhile");
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            if (!posix) {
                logger.info("The server identity {} is on a file system without POSIX permissions: "
                        + "restrict who may read it by other means", file);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void restrictPermissions() throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (!OWNER_ONLY.containsAll(permissions)) {
            logger.warn("The server identity {} was {}; restricting it to rw------- (owner only)", file,
                    PosixFilePermissions.toString(permissions));
            view.setPermissions(OWNER_ONLY);
        }
    }

    private IOException unusable(String why, Exception cause) {
        return new IOException("Cannot read the server identity " + file + ": " + why
                + ". Restore it from a backup, or move it away to create a new identity (every agent then needs the"
                + " new pin)", cause);
    }
}
