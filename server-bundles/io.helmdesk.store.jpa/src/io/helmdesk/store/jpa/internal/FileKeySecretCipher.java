package io.helmdesk.store.jpa.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.store.api.SecretCipher;

/**
 * {@link SecretCipher} with AES-256-GCM and a key made at the first start in {@code <data>/keys/secrets.key}
 * (readable by the server's account only). Back that file up with the database: without it, sealed secrets are lost.
 */
@Component
public class FileKeySecretCipher implements SecretCipher {

    private static final String VERSION = "v1:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Logger logger = LoggerFactory.getLogger(FileKeySecretCipher.class);
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public FileKeySecretCipher(BundleContext context) throws IOException {
        String data = context.getProperty(JpaDatabase.DATA_FOLDER_PROPERTY);
        Path file = (data == null ? context.getDataFile("keys").toPath() : Path.of(data, "keys"))
                .resolve("secrets.key");
        this.key = new SecretKeySpec(loadOrCreate(file), "AES");
    }

    private byte[] loadOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            try {
                Files.write(file, Base64.getEncoder().encode(fresh), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                logger.info("Made this installation's key for secrets at rest: {} (back it up with the database)",
                        file);
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another start: use that one
            }
        }
        byte[] loaded = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        if (loaded.length != KEY_BYTES) {
            throw new IOException(file + " is not a Helmdesk key (" + loaded.length + " bytes)");
        }
        return loaded;
    }

    @Override
    public String seal(String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    @Override
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "This secret was not sealed with this installation's key, or was altered",
                    e);
        }
    }

}
