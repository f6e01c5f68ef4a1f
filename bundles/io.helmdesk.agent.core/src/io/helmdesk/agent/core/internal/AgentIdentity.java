package io.helmdesk.agent.core.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/**
 * Who this computer is to the server: an Ed25519 key pair made at first start (the private key never leaves
 * {@code <data>/identity}, readable by the agent's account only), the device id the server gave at enrollment, and
 * for the agent's window the account a person enrolled it into and the name the server gives it.
 */
final class AgentIdentity {

    private final Path folder;
    private final KeyPair keys;

    private AgentIdentity(Path folder, KeyPair keys) {
        this.folder = folder;
        this.keys = keys;
    }

    static AgentIdentity loadOrCreate(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path privateFile = folder.resolve("agent.key");
        Path publicFile = folder.resolve("agent.pub");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                KeyFactory factory = KeyFactory.getInstance("Ed25519");
                return new AgentIdentity(folder,
                        new KeyPair(factory.generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicFile))),
                                factory.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(privateFile)))));
            }
            KeyPair fresh = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            writePrivately(privateFile, fresh.getPrivate().getEncoded());
            writePrivately(publicFile, fresh.getPublic().getEncoded());
            return new AgentIdentity(folder, fresh);
        } catch (GeneralSecurityException e) {
            throw new IOException("The agent's key in " + folder + " cannot be used: " + e.getMessage(), e);
        }
    }

    byte[] publicKey() {
        return keys.getPublic().getEncoded();
    }

    PublicKey key() {
        return keys.getPublic();
    }

    byte[] sign(byte[] data) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    private PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** The device id of the enrollment; empty before enrollment and after the server removed the device. */
    Optional<String> deviceId() {
        return read("device-id");
    }

    /** The e-mail address of the account a person signed in with to enroll; empty after a token enrollment. */
    Optional<String> account() {
        return read("account");
    }

    /** The computer's name as the server last said it (DEV-12). */
    Optional<String> displayName() {
        return read("display-name");
    }

    /**
     * Remembers the enrollment.
     *
     * @param account the account's e-mail address when a person signed in for it; empty for an enrollment token
     */
    void enrolled(String deviceId, String account) throws IOException {
        if (account.isEmpty()) {
            Files.deleteIfExists(folder.resolve("account"));
        } else {
            writePrivately(folder.resolve("account"), account.getBytes(StandardCharsets.UTF_8));
        }
        writePrivately(folder.resolve("device-id"), deviceId.getBytes(StandardCharsets.UTF_8));
    }

    void displayName(String name) throws IOException {
        if (!displayName().orElse("").equals(name)) {
            writePrivately(folder.resolve("display-name"), name.getBytes(StandardCharsets.UTF_8));
        }
    }

    void forgetEnrollment() throws IOException {
        Files.deleteIfExists(folder.resolve("device-id"));
        Files.deleteIfExists(folder.resolve("account"));
        Files.deleteIfExists(folder.resolve("display-name"));
    }

    private Optional<String> read(String name) {
        Path file = folder.resolve(name);
        try {
            return Files.exists(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()).filter(s -> !s.isEmpty())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writePrivately(Path file, byte[] content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary); // not a POSIX file system (Windows): the user's profile protects it
        }
        Files.write(temporary, content);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
