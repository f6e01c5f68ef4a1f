package io.helmdesk.bench.agents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The simulated agents' identities, kept in one file so that a re-run reuses them: an Ed25519 key pair per agent
 * (made once) and the device id the server gave it. Device ids belong to one server (one gateway certificate): the
 * file records that server's pin, and ids recorded for another pin are forgotten, so those agents enroll again.
 *
 * <pre>
 * # helmdesk bench identities v1
 * pin &lt;sha-256 of the gateway certificate&gt;
 * &lt;index&gt; &lt;private key, PKCS#8, base64&gt; &lt;public key, X.509, base64&gt; &lt;device id or -&gt;
 * </pre>
 */
final class Identities {

    private static final String HEADER = "# helmdesk bench identities v1";

    /** One agent's identity. The device id is set by the agent's thread when it enrolls. */
    static final class Identity {

        final int index;
        final PrivateKey privateKey;
        final byte[] publicKey;
        volatile String deviceId;

        Identity(int index, PrivateKey privateKey, byte[] publicKey, String deviceId) {
            this.index = index;
            this.privateKey = privateKey;
            this.publicKey = publicKey;
            this.deviceId = deviceId;
        }

        byte[] sign(byte[] data) throws GeneralSecurityException {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(data);
            return signature.sign();
        }
    }

    private final Path file;
    private final String pin;
    private final List<Identity> identities;
    final int loaded;
    final int loadedWithDeviceId;
    final int forgotten;
    final int created;

    private Identities(Path file, String pin, List<Identity> identities, int loaded, int loadedWithDeviceId,
            int forgotten, int created) {
        this.file = file;
        this.pin = pin;
        this.identities = identities;
        this.loaded = loaded;
        this.loadedWithDeviceId = loadedWithDeviceId;
        this.forgotten = forgotten;
        this.created = created;
    }

    /** Reads the file (if any) and makes the keys still missing for {@code count} agents. */
    static Identities loadOrCreate(Path file, int count, String pin) throws IOException, GeneralSecurityException {
        List<Identity> identities = new ArrayList<>(count);
        int loaded = 0;
        int withId = 0;
        int forgotten = 0;
        if (Files.exists(file)) {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            Base64.Decoder base64 = Base64.getDecoder();
            boolean samePin = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.strip().split(" ");
                if (fields[0].equals("pin")) {
                    samePin = fields.length > 1 && fields[1].equalsIgnoreCase(pin);
                    continue;
                }
                int index = Integer.parseInt(fields[0]);
                if (index != identities.size()) {
                    throw new IOException(file + ": identity " + index + " out of order");
                }
                PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(base64.decode(fields[1])));
                String deviceId = fields[3].equals("-") ? "" : fields[3];
                if (!deviceId.isEmpty() && !samePin) {
                    deviceId = "";
                    forgotten++;
                }
                if (!deviceId.isEmpty()) {
                    withId++;
                }
                identities.add(new Identity(index, key, base64.decode(fields[2]), deviceId));
                loaded++;
            }
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        int created = 0;
        while (identities.size() < count) {
            KeyPair pair = generator.generateKeyPair();
            identities.add(new Identity(identities.size(), pair.getPrivate(), pair.getPublic().getEncoded(), ""));
            created++;
        }
        Identities result = new Identities(file, pin, identities, loaded, withId, forgotten, created);
        if (created > 0 || forgotten > 0) {
            result.save();
        }
        return result;
    }

    Identity get(int index) {
        return identities.get(index);
    }


    /**
     * Writes every identity and its device id for this server, replacing the file atomically; also those a smaller run
     * did not use, so that a later bigger run finds them enrolled.
     */
    synchronized void save() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve(file.getFileName() + ".part");
        Base64.Encoder base64 = Base64.getEncoder();
        try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            out.write("pin " + pin);
            out.newLine();
            for (Identity identity : identities) {
                String deviceId = identity.deviceId;
                out.write(identity.index + " " + base64.encodeToString(identity.privateKey.getEncoded()) + " "
                        + base64.encodeToString(identity.publicKey) + " "
                        + (deviceId == null || deviceId.isEmpty() ? "-" : deviceId));
                out.newLine();
            }
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
